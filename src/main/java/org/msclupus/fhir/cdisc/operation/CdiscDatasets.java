package org.msclupus.fhir.cdisc.operation;

import java.util.List;

/** The datasets {@code $cdisc-export} writes, by the names its {@code dataset} parameter takes. */
final class CdiscDatasets {

	static final List<String> NAMES = List.of("TS", "TA", "TE", "TV", "DM", "SV", "EX", "CM", "SUPPCM", "LB", "VS",
			"AE", "RS", "ADSL", "ADRS", "ADTTE", "ADCFB");

	private CdiscDatasets() {
	}
}
