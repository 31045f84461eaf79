package org.msclupus.fhir.safety.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CTCAE v5.0 worst grades and shift tables through the real server, the values in several units (issue 28). Tallied
 * by hand, MSC arm, day 0 on 2 March 2026:
 * <ul>
 * <li>tox-1: neutrophils 2500 /uL at baseline (grade 0), 1.2 x 10^9/L on day 14 (grade 2) and 1.8 on day 28
 * (grade 1); creatinine 88.4 umol/L at baseline (1.0 mg/dL), 1.6 mg/dL on day 56 (1.6 x baseline: grade 2).</li>
 * <li>tox-2: neutrophils 1.7 x 10^3/uL at baseline (grade 1, LLN 2.0), 400 /uL on day 90 (grade 4); haemoglobin
 * 130 g/L at baseline (grade 0), 7.9 g/dL on day 30 (grade 3).</li>
 * <li>tox-3: neutrophils 2.1 x 10^9/L on day 30 (grade 0), no baseline.</li>
 * </ul>
 */
@H2ServerTest
class LabToxicityIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.of(2026, 3, 2);
	static boolean loaded;

	@LocalServerPort
	int port;
	IGenericClient client;

	@BeforeEach
	void load() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		if (loaded) {
			return;
		}
		TrialRecords records = new TrialRecords();
		String study = records.study("tox-trial", "NCT07777777", "weeks-24", List.of("ln-renal-response"));
		TrialRecords.Subject one = records.subject("tox-1", study, "uc-msc", DAY0.minusDays(3));
		one.infusion(DAY0, 1);
		one.safetyLab("neutrophils", "751-8", DAY0.minusDays(2), "2500", "/uL", "2000", null);
		one.safetyLab("neutrophils", "751-8", DAY0.plusDays(14), "1.2", "10*9/L", "2.0", null);
		one.safetyLab("neutrophils", "751-8", DAY0.plusDays(28), "1.8", "10*9/L", "2.0", null);
		one.creatinine(DAY0.minusDays(2), "88.4", "umol/L");
		one.creatinine(DAY0.plusDays(56), "1.6", "mg/dL");
		TrialRecords.Subject two = records.subject("tox-2", study, "uc-msc", DAY0.minusDays(3));
		two.infusion(DAY0, 1);
		two.safetyLab("neutrophils", "751-8", DAY0.minusDays(1), "1.7", "10*3/uL", "2.0", null);
		two.safetyLab("neutrophils", "751-8", DAY0.plusDays(90), "400", "/uL", "2000", null);
		two.safetyLab("hemoglobin", "718-7", DAY0.minusDays(1), "130", "g/L", "120", "160");
		two.safetyLab("hemoglobin", "718-7", DAY0.plusDays(30), "7.9", "g/dL", "12.0", "16.0");
		TrialRecords.Subject three = records.subject("tox-3", study, "uc-msc", DAY0.minusDays(3));
		three.infusion(DAY0, 1);
		three.safetyLab("neutrophils", "751-8", DAY0.plusDays(30), "2.1", "10*9/L", "2.0", null);
		client.transaction().withBundle(records.bundle()).execute();
		loaded = true;
	}

	private Parameters summary() {
		return client.operation().onInstance("ResearchStudy/tox-trial").named("$safety-summary")
				.withParameter(Parameters.class, "asOf", new DateType(DAY0.plusDays(200).toString())).useHttpGet()
				.execute();
	}

	private static String text(ParametersParameterComponent p, String name) {
		Type value = p.getPart().stream().filter(x -> x.getName().equals(name))
				.map(ParametersParameterComponent::getValue).findFirst().orElse(null);
		return value == null ? null : value instanceof Coding c ? c.getCode() : value.primitiveValue();
	}

	/** grade (or baseline->worst) -> subjects, for one test of the MSC arm. */
	private static Map<String, String> table(Parameters out, String name, String loinc) {
		Map<String, String> cells = new TreeMap<>();
		out.getParameter().stream().filter(p -> p.getName().equals(name))
				.filter(p -> "uc-msc".equals(text(p, "arm")) && loinc.equals(text(p, "test")))
				.forEach(p -> cells.put(name.equals("labShift") ? text(p, "baselineGrade") + "->" + text(p, "worstGrade")
						: text(p, "grade"), text(p, "subjects")));
		return cells;
	}

	/** The shift table again, from the exported ADLB: BTOXGR against ATOXGR of each subject's worst-flagged record. */
	@Test
	void theShiftTableIsReproducibleFromTheExportedAdlb() throws Exception {
		java.net.http.HttpResponse<byte[]> export = java.net.http.HttpClient.newHttpClient().send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
						+ "/fhir/ResearchStudy/tox-trial/$cdisc-export?dataset=adlb&asOf=" + DAY0.plusDays(200)))
						.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(export.statusCode()).isEqualTo(200);
		byte[] adlb = null;
		try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
				new java.io.ByteArrayInputStream(export.body()))) {
			for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				if (e.getName().toLowerCase(java.util.Locale.ROOT).startsWith("adlb")) {
					adlb = in.readAllBytes();
				}
			}
		}
		assertThat(adlb).as("adlb in the zip").isNotNull();
		Map<String, Map<String, String>> shifts = new TreeMap<>();
		com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(adlb);
		List<String> names = new java.util.ArrayList<>();
		json.get("columns").forEach(c -> names.add(c.get("name").asText()));
		for (com.fasterxml.jackson.databind.JsonNode values : json.get("rows")) {
			Map<String, com.fasterxml.jackson.databind.JsonNode> row = new java.util.HashMap<>();
			for (int i = 0; i < names.size(); i++) {
				row.put(names.get(i), values.get(i));
			}
			boolean worst = "Y".equals(text(row, "WGRLOFL")) || "Y".equals(text(row, "WGRHIFL"));
			if (worst && text(row, "BTOXGR") != null) {
				shifts.computeIfAbsent(text(row, "PARAMCD"), k -> new TreeMap<>()).merge(
						text(row, "BTOXGR") + "->" + text(row, "ATOXGR"), "1",
						(a, b) -> String.valueOf(Integer.parseInt(a) + 1));
			}
		}
		Parameters out = summary();
		assertThat(shifts.get("NEUT")).isEqualTo(table(out, "labShift", "751-8"));
		assertThat(shifts.get("CREAT")).isEqualTo(table(out, "labShift", "2160-0"));
		assertThat(shifts.get("HGB")).isEqualTo(table(out, "labShift", "718-7"));
	}

	private static String text(Map<String, com.fasterxml.jackson.databind.JsonNode> row, String name) {
		com.fasterxml.jackson.databind.JsonNode value = row.get(name);
		return value == null || value.isNull() ? null : value.asText();
	}

	@Test
	void worstGradesAndShiftsAreTheHandTalliedOnes() {
		Parameters out = summary();
		assertThat(table(out, "labToxicity", "751-8")).containsExactly(Map.entry("0", "1"), Map.entry("1", "0"),
				Map.entry("2", "1"), Map.entry("3", "0"), Map.entry("4", "1"));
		assertThat(table(out, "labShift", "751-8")).containsExactly(Map.entry("0->2", "1"), Map.entry("1->4", "1"));
		assertThat(table(out, "labToxicity", "2160-0")).containsEntry("2", "1").containsEntry("0", "0");
		assertThat(table(out, "labShift", "2160-0")).containsExactly(Map.entry("0->2", "1"));
		assertThat(table(out, "labToxicity", "718-7")).containsEntry("3", "1");
		assertThat(table(out, "labShift", "718-7")).containsExactly(Map.entry("0->3", "1"));
		ParametersParameterComponent grade4 = out.getParameter().stream().filter(p -> p.getName().equals("labToxicity"))
				.filter(p -> "751-8".equals(text(p, "test")) && "4".equals(text(p, "grade"))
						&& "uc-msc".equals(text(p, "arm"))).findFirst().orElseThrow();
		assertThat(text(grade4, "term")).isEqualTo("Neutrophil count decreased");
		assertThat(grade4.getPart()).filteredOn(p -> p.getName().equals("evidence"))
				.extracting(p -> ((org.hl7.fhir.r4.model.Reference) p.getValue()).getReference())
				.singleElement().asString().startsWith("Observation/tox-2-neutrophils-" + DAY0.plusDays(90));
	}
}
