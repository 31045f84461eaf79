package org.msclupus.fhir.cdisc;

import static org.msclupus.fhir.cdisc.Variable.Origin.ASSIGNED;
import static org.msclupus.fhir.cdisc.Variable.Origin.DERIVED;
import static org.msclupus.fhir.cdisc.Variable.text;

import java.util.List;

/** A SUPP-- dataset (SDTMIG 3.4, 8.4): non-standard variables of a parent domain, one row per value. */
final class Supplemental {

	private final String domain;
	private final DatasetBuilder rows;

	Supplemental(String domain) {
		this.domain = domain;
		this.rows = new DatasetBuilder("SUPP" + domain, "Supplemental Qualifiers for " + domain, "RELATIONSHIP",
				"One record per supplemental qualifier per related parent domain record",
				List.of("STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM"), List.of(
						text("STUDYID", "Study Identifier", ASSIGNED),
						text("RDOMAIN", "Related Domain Abbreviation", ASSIGNED),
						text("USUBJID", "Unique Subject Identifier", ASSIGNED),
						text("IDVAR", "Identifying Variable", ASSIGNED),
						text("IDVARVAL", "Identifying Variable Value", ASSIGNED),
						text("QNAM", "Qualifier Variable Name", ASSIGNED),
						text("QLABEL", "Qualifier Variable Label", ASSIGNED),
						text("QVAL", "Data Value", DERIVED).derived("As the parent record's QNAM says."),
						text("QORIG", "Origin", ASSIGNED)));
	}

	void add(String studyId, String usubjid, String idVariable, String idValue, String name, String label,
			String value, String origin) {
		rows.row().set("STUDYID", studyId).set("RDOMAIN", domain).set("USUBJID", usubjid).set("IDVAR", idVariable)
				.set("IDVARVAL", idValue).set("QNAM", name).set("QLABEL", label).set("QVAL", value)
				.set("QORIG", origin).add();
	}

	Dataset build() {
		return rows.build();
	}
}
