package org.msclupus.fhir.cdisc.operation;

import static org.assertj.core.api.Assertions.assertThat;

import org.msclupus.fhir.cdisc.DefineXmlSchema;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.cdisc.XportPandasTest;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;

/**
 * $cdisc-export end to end on a hand-built two-arm study (weeks-24 schedule, ln-renal-response and sri-4): the zip
 * holds every dataset and define.xml, each Dataset-JSON file validates against CDISC's schema, the SDTM derivations
 * hold on the records sent (study days on both sides of day 0, a year-only birth date, an unscheduled lab, standard
 * units), and ADRS/ADTTE say what $evaluate-response says, subject by subject.
 */
@H2ServerTest
class CdiscExportIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final ObjectMapper JSON = new ObjectMapper();
	static final LocalDate ENROLLED = LocalDate.of(2025, 1, 6);
	static final LocalDate DAY0 = ENROLLED.plusDays(2);
	static final String AS_OF = "2025-12-31";
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
		String study = records.study("cdisc-trial", "NCT07777777", "weeks-24", List.of("ln-renal-response", "sri-4"));
		String site = records.site("cdisc-site", "Nanjing Drum Tower Hospital");
		TrialRecords.Subject a = records.subject("cdisc-a", study, "uc-msc", ENROLLED, site);
		patient(records, "cdisc-a").setBirthDateElement(new DateType("1975"));
		String first = a.infusion(DAY0, 1);
		a.infusion(DAY0.plusDays(7), 2);
		a.upcr(DAY0.minusDays(2), "3.0", "g/g");
		a.creatinine(DAY0.minusDays(2), "88.4", "umol/L"); // 1.0 mg/dL
		a.sledai(DAY0.minusDays(2), 12);
		for (int week : new int[] {4, 8, 16, 20, 24}) {
			a.upcr(DAY0.plusDays(7L * week), week >= 16 ? "0.3" : "1.5", "g/g");
			a.creatinine(DAY0.plusDays(7L * week), "1.0", "mg/dL");
			a.sledai(DAY0.plusDays(7L * week), week >= 16 ? 4 : 8);
		}
		a.creatinine(DAY0.plusDays(84), "1.1", "mg/dL"); // week 12: in no visit's window, unscheduled
		a.safetyLab("alt", "1742-6", DAY0.plusDays(28), "80", "U/L", "7", "56");
		a.bloodPressure(DAY0.plusDays(28), "128", "84");
		a.adverseEvent(study, "Fever after infusion", DAY0.atTime(15, 0), false, 1, first, "Probably-Likely");
		a.glucocorticoid("8640", "prednisone", "20", DAY0.minusDays(30), null);
		TrialRecords.Subject b = records.subject("cdisc-b", study, "control", ENROLLED, site);
		b.upcr(ENROLLED.minusDays(1), "2.5", "g/g");
		b.creatinine(ENROLLED.minusDays(1), "1.2", "mg/dL");
		b.sledai(ENROLLED.minusDays(1), 10);
		for (int week : new int[] {4, 8, 16, 20, 24}) {
			b.upcr(ENROLLED.plusDays(7L * week), "2.4", "g/g");
			b.creatinine(ENROLLED.plusDays(7L * week), "1.2", "mg/dL");
			b.sledai(ENROLLED.plusDays(7L * week), 10);
		}
		client.transaction().withBundle(records.bundle()).execute();
		loaded = true;
	}

	private static Patient patient(TrialRecords records, String id) {
		return records.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(r -> r instanceof Patient && r.getIdElement().getIdPart().equals(id)).map(Patient.class::cast)
				.findFirst().orElseThrow();
	}

	private HttpResponse<byte[]> get(String query) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/fhir/ResearchStudy/cdisc-trial/$cdisc-export?asOf=" + AS_OF + query)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> files = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				files.put(e.getName(), in.readAllBytes());
			}
		}
		return files;
	}

	/** The rows of a Dataset-JSON file as maps from variable name to value. */
	static List<Map<String, JsonNode>> rows(byte[] file) throws IOException {
		JsonNode json = JSON.readTree(file);
		List<String> names = new ArrayList<>();
		json.get("columns").forEach(c -> names.add(c.get("name").asText()));
		List<Map<String, JsonNode>> rows = new ArrayList<>();
		for (JsonNode row : json.get("rows")) {
			Map<String, JsonNode> map = new HashMap<>();
			for (int i = 0; i < names.size(); i++) {
				map.put(names.get(i), row.get(i));
			}
			rows.add(map);
		}
		return rows;
	}

	static String text(Map<String, JsonNode> row, String variable) {
		JsonNode value = row.get(variable);
		return value == null || value.isNull() ? null : value.asText();
	}

	@Test
	void everyDatasetValidatesAndDefineXmlNamesThem() throws Exception {
		HttpResponse<byte[]> response = get("");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
		Map<String, byte[]> files = unzip(response.body());
		assertThat(files).containsKeys("ts.json", "ta.json", "te.json", "tv.json", "dm.json", "sv.json", "ex.json",
				"cm.json", "suppcm.json", "lb.json", "vs.json", "ae.json", "rs.json", "adsl.json", "adrs.json",
				"adtte.json", "adcfb.json", "define.xml", "operation-outcome.json");
		JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(
				JSON.readTree(Path.of("src/test/resources/cdisc-examples/dataset.schema.json").toFile()));
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			if (file.getKey().endsWith(".json") && !file.getKey().equals("operation-outcome.json")) {
				assertThat(schema.validate(JSON.readTree(file.getValue()))).as(file.getKey()).isEmpty();
			}
		}
		Document define = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
				.parse(new ByteArrayInputStream(files.get("define.xml")));
		assertThat(define.getElementsByTagName("ItemGroupDef").getLength()).isEqualTo(19);
		assertThat(DefineXmlSchema.problems(files.get("define.xml"))).as("valid Define-XML 2.1").isEmpty();
		assertThat(new String(files.get("define.xml"))).contains("xlink:href=\"dm.json\"")
				.contains("def:DefineVersion=\"2.1.0\"").contains("<def:Origin Type=\"Derived\"");
	}

	@Test
	void sdtmDerivationsHoldOnTheRecordsSent() throws Exception {
		Map<String, byte[]> files = unzip(get("&dataset=dm&dataset=lb&dataset=ex&dataset=ae").body());
		assertThat(files.keySet()).containsExactlyInAnyOrder("dm.json", "lb.json", "ex.json", "ae.json", "define.xml",
				"operation-outcome.json");
		Map<String, JsonNode> dmA = rows(files.get("dm.json")).stream()
				.filter(r -> text(r, "SUBJID").equals("cdisc-a-enrolment")).findFirst().orElseThrow();
		assertThat(text(dmA, "USUBJID")).isEqualTo("cdisc-trial-cdisc-site-cdisc-a-enrolment");
		assertThat(text(dmA, "RFSTDTC")).isEqualTo(DAY0.toString());
		assertThat(text(dmA, "RFXSTDTC")).isEqualTo(DAY0 + "T09:00:00");
		assertThat(text(dmA, "BRTHDTC")).isEqualTo("1975"); // as precise as sent
		assertThat(text(dmA, "AGE")).isNull();
		assertThat(text(dmA, "ARMCD")).isEqualTo("UCMSC");
		assertThat(text(dmA, "SITEID")).isEqualTo("cdisc-site");
		assertThat(text(dmA, "SEX")).isEqualTo("F");

		List<Map<String, JsonNode>> lb = rows(files.get("lb.json"));
		List<Map<String, JsonNode>> creatinine = lb.stream().filter(r -> text(r, "USUBJID").endsWith("cdisc-a-enrolment")
				&& text(r, "LBTESTCD").equals("CREAT")).toList();
		Map<String, JsonNode> baseline = creatinine.get(0);
		assertThat(text(baseline, "LBDTC")).isEqualTo(DAY0.minusDays(2).toString());
		assertThat(baseline.get("LBDY").asInt()).isEqualTo(-2); // no day 0 before RFSTDTC
		assertThat(text(baseline, "LBORRES")).isEqualTo("88.4");
		assertThat(text(baseline, "LBORRESU")).isEqualTo("umol/L");
		assertThat(baseline.get("LBSTRESN").decimalValue()).isEqualByComparingTo("1.0");
		assertThat(text(baseline, "LBSTRESU")).isEqualTo("mg/dL");
		assertThat(text(baseline, "LBLOBXFL")).isEqualTo("Y");
		Map<String, JsonNode> week4 = creatinine.get(1);
		assertThat(week4.get("LBDY").asInt()).isEqualTo(29); // day 28 after day 0 is study day 29
		assertThat(text(week4, "VISIT")).isEqualTo("week-4");
		assertThat(text(week4, "EPOCH")).isEqualTo("FOLLOW-UP");
		Map<String, JsonNode> unscheduled = creatinine.stream()
				.filter(r -> text(r, "LBDTC").equals(DAY0.plusDays(84).toString())).findFirst().orElseThrow();
		assertThat(text(unscheduled, "VISITNUM")).isNull();
		assertThat(text(unscheduled, "VISIT")).isNull();
		Map<String, JsonNode> alt = lb.stream().filter(r -> "ALT".equals(text(r, "LBTESTCD"))).findFirst()
				.orElseThrow();
		assertThat(text(alt, "LBNRIND")).isEqualTo("HIGH");
		assertThat(text(alt, "LBORNRHI")).isEqualTo("56");
		assertThat(lb.stream().filter(r -> text(r, "USUBJID").endsWith("cdisc-a-enrolment"))
				.map(r -> r.get("LBSEQ").asInt()).toList()).doesNotHaveDuplicates();

		List<Map<String, JsonNode>> ex = rows(files.get("ex.json"));
		assertThat(ex).hasSize(2);
		assertThat(ex.get(0).get("EXSTDY").asInt()).isEqualTo(1);
		assertThat(ex.get(1).get("EXSTDY").asInt()).isEqualTo(8);
		assertThat(text(ex.get(0), "EXROUTE")).isEqualTo("INTRAVENOUS");
		assertThat(text(ex.get(0), "EXDOSU")).isEqualTo("10^6/kg");
		Map<String, JsonNode> ae = rows(files.get("ae.json")).get(0);
		assertThat(text(ae, "AETERM")).isEqualTo("Fever after infusion");
		assertThat(text(ae, "AEREL")).isEqualTo("RELATED");
		assertThat(text(ae, "AETOXGR")).isEqualTo("1");
		assertThat(text(ae, "AESER")).isEqualTo("N");
		assertThat(ae.get("AESTDY").asInt()).isEqualTo(1);
	}

	@Test
	void adrsAndAdtteSayWhatEvaluateResponseSays() throws Exception {
		Map<String, byte[]> files = unzip(get("&dataset=adrs&dataset=adtte").body());
		List<Map<String, JsonNode>> adrs = rows(files.get("adrs.json"));
		List<Map<String, JsonNode>> adtte = rows(files.get("adtte.json"));
		for (String subject : List.of("cdisc-a-enrolment", "cdisc-b-enrolment")) {
			Parameters result = client.operation().onInstance("ResearchSubject/" + subject)
					.named("$evaluate-response").withParameter(Parameters.class, "criteria",
							new CodeType("ln-renal-response")).andParameter("asOf", new DateType(AS_OF))
					.useHttpGet().execute();
			ParametersParameterComponent ln = result.getParameter().stream().filter(p -> p.getName().equals("result"))
					.findFirst().orElseThrow();
			String response = part(ln, "response");
			Map<String, JsonNode> overall = adrs.stream().filter(r -> text(r, "SUBJID").equals(subject)
					&& text(r, "PARAMCD").equals("LNRBOR")).findFirst().orElseThrow();
			assertThat(text(overall, "AVALC")).as(subject).isEqualTo(response);
			Map<String, JsonNode> ttr = adtte.stream().filter(r -> text(r, "SUBJID").equals(subject)
					&& text(r, "PARAMCD").equals("LNRTTR")).findFirst().orElseThrow();
			String days = part(ln, "daysToResponse");
			if (days != null) {
				assertThat(ttr.get("CNSR").asInt()).isZero();
				assertThat(ttr.get("AVAL").asInt()).isEqualTo(Integer.parseInt(days));
			} else {
				assertThat(ttr.get("CNSR").asInt()).isEqualTo(1);
			}
		}
		// the data make one responder and one non-responder, so the comparison above is not of two empty answers
		assertThat(adrs.stream().filter(r -> text(r, "PARAMCD").equals("LNRBOR")).map(r -> text(r, "AVALC")))
				.containsExactlyInAnyOrder("PR", "NR");
		assertThat(adtte.stream().filter(r -> text(r, "PARAMCD").equals("LNRTTR")).map(r -> r.get("CNSR").asInt()))
				.containsExactlyInAnyOrder(0, 1);
	}

	private static String part(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name) && x.getValue() != null)
				.map(x -> x.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept c
						? c.getCodingFirstRep().getCode() : x.getValue().primitiveValue())
				.filter(v -> v != null).findFirst().orElse(null);
	}

	/**
	 * The XPORT files of the export, read back by pandas, hold the values of the Dataset-JSON files of the same
	 * export: text as text, numbers as numbers, ADaM dates as SAS day counts, missing as missing.
	 */
	@Test
	void xptFilesReadBackByPandasEqualTheDatasetJson(@TempDir Path dir) throws Exception {
		HttpResponse<byte[]> response = get("&format=xpt");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, byte[]> xpt = unzip(response.body());
		Map<String, byte[]> json = unzip(get("").body());
		assertThat(new String(xpt.get("define.xml"))).contains("xlink:href=\"dm.xpt\"");
		assertThat(DefineXmlSchema.problems(xpt.get("define.xml"))).as("valid Define-XML 2.1").isEmpty();
		for (String dataset : List.of("dm", "lb", "ae", "cm", "suppcm", "ts", "tv", "adsl", "adrs", "adtte", "adcfb")) {
			Path file = dir.resolve(dataset + ".xpt");
			Files.write(file, xpt.get(dataset + ".xpt"));
			JsonNode read = XportPandasTest.readWithPandas(file).get(file.toString());
			JsonNode expected = JSON.readTree(json.get(dataset + ".json"));
			JsonNode columns = expected.get("columns");
			assertThat(read.get("variables").size()).as(dataset).isEqualTo(columns.size());
			for (int c = 0; c < columns.size(); c++) {
				assertThat(read.get("variables").get(c).get("name").asText()).isEqualTo(columns.get(c).get("name")
						.asText());
				assertThat(read.get("variables").get(c).get("label").asText()).isEqualTo(columns.get(c)
						.get("label").asText());
			}
			assertThat(read.get("rows").size()).as(dataset).isEqualTo(expected.get("rows").size());
			for (int r = 0; r < read.get("rows").size(); r++) {
				for (int c = 0; c < columns.size(); c++) {
					JsonNode got = read.get("rows").get(r).get(c);
					JsonNode want = expected.get("rows").get(r).get(c);
					String what = dataset + " row " + r + " " + columns.get(c).get("name").asText();
					if (want.isNull()) {
						assertThat(got.isNull()).as(what).isTrue();
					} else if (columns.get(c).get("dataType").asText().equals("date")) {
						assertThat(got.asLong()).as(what).isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(
								LocalDate.of(1960, 1, 1), LocalDate.parse(want.asText())));
					} else if (want.isNumber()) {
						// pandas reads an IBM zero (all zero bytes, as SAS writes it) as 16^-65, 5.4e-79: pandas
						// issue #50670
						double value = Math.abs(got.asDouble()) < 1e-70 ? 0 : got.asDouble();
						assertThat(value).as(what).isEqualTo(want.asDouble());
					} else {
						assertThat(got.asText()).as(what).isEqualTo(want.asText());
					}
				}
			}
		}
	}

	@Test
	void unknownFormatOrDatasetIsRefusedNamingTheChoices() throws Exception {
		HttpResponse<byte[]> format = get("&format=sas7bdat");
		assertThat(format.statusCode()).isEqualTo(400);
		assertThat(new String(format.body())).contains("sas7bdat").contains("dataset-json, ndjson, xpt");
		HttpResponse<byte[]> dataset = get("&dataset=qs");
		assertThat(dataset.statusCode()).isEqualTo(400);
		assertThat(new String(dataset.body())).contains("'qs'").contains("adsl");
	}

	@Test
	void asynchronouslyThe202StatusUrlEndsInTheSameZip() throws Exception {
		HttpResponse<byte[]> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/cdisc-trial/$cdisc-export?asOf=" + AS_OF
						+ "&dataset=dm&dataset=adtte")).header("Prefer", "respond-async").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(accepted.statusCode()).isEqualTo(202);
		String status = accepted.headers().firstValue("Content-Location").orElseThrow();
		assertThat(status).contains("$cdisc-export-status?_jobId=");
		HttpResponse<byte[]> done = null;
		for (int i = 0; i < 120; i++) {
			done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(status)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (done.statusCode() != 202) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.headers().firstValue("Content-Type")).hasValue("application/zip");
		Map<String, byte[]> files = unzip(done.body());
		Map<String, byte[]> direct = unzip(get("&dataset=dm&dataset=adtte").body());
		assertThat(files.keySet()).isEqualTo(direct.keySet());
		assertThat(rows(files.get("adtte.json")).toString()).isEqualTo(rows(direct.get("adtte.json")).toString());
	}

	@Test
	void persistKeepsTheZipWithItsProvenance() throws Exception {
		HttpResponse<byte[]> response = get("&dataset=ts&persist=true");
		assertThat(response.statusCode()).isEqualTo(200);
		String kept = response.headers().firstValue("Content-Location").orElseThrow();
		assertThat(kept).startsWith("Binary/");
		org.hl7.fhir.r4.model.Binary binary = client.read().resource(org.hl7.fhir.r4.model.Binary.class)
				.withId(kept).execute();
		assertThat(binary.getContentType()).isEqualTo("application/zip");
		assertThat(unzip(binary.getData())).containsKeys("ts.json", "define.xml");
		Bundle provenance = client.search().forResource(org.hl7.fhir.r4.model.Provenance.class)
				.where(org.hl7.fhir.r4.model.Provenance.TARGET.hasId(kept)).returnBundle(Bundle.class).execute();
		assertThat(provenance.getEntry()).hasSize(1);
		assertThat(((org.hl7.fhir.r4.model.Provenance) provenance.getEntryFirstRep().getResource())
				.getEntityFirstRep().getWhat().getReference()).contains("ResearchStudy/cdisc-trial");
	}

	/** Both demo study shapes (what scripts/load-demo-study.sh loads) export in every format. */
	@Test
	void theDemoStudiesExport() throws Exception {
		List<Bundle> bundles = new ArrayList<>(org.msclupus.fhir.cohort.SyntheticCohort.multicenterStudy(
				"cdisc-demo-mc", 6, 3));
		bundles.addAll(org.msclupus.fhir.cohort.SyntheticCohort.lupusNephritisTrial("cdisc-demo-ln", 6, 3));
		for (Bundle bundle : bundles) {
			client.transaction().withBundle(bundle).execute();
		}
		JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(
				JSON.readTree(Path.of("src/test/resources/cdisc-examples/dataset.schema.json").toFile()));
		for (String study : List.of("cdisc-demo-mc", "cdisc-demo-ln")) {
			for (String format : List.of("dataset-json", "xpt", "ndjson")) {
				HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
						"http://localhost:" + port + "/fhir/ResearchStudy/" + study + "/$cdisc-export?format="
								+ format)).build(), HttpResponse.BodyHandlers.ofByteArray());
				assertThat(response.statusCode()).as(study + " " + format).isEqualTo(200);
				Map<String, byte[]> files = unzip(response.body());
				assertThat(files).hasSize(19 + 2);
				if (format.equals("dataset-json")) {
					for (Map.Entry<String, byte[]> f : files.entrySet()) {
						if (f.getKey().endsWith(".json") && !f.getKey().startsWith("operation")) {
							assertThat(schema.validate(JSON.readTree(f.getValue()))).as(study + " " + f.getKey())
									.isEmpty();
						}
					}
					assertThat(rows(files.get("dm.json"))).hasSize(6);
					assertThat(rows(files.get("adtte.json"))).isNotEmpty();
					assertThat(rows(files.get("lb.json"))).isNotEmpty();
				}
			}
		}
	}

	@Test
	void anUnknownStudyIsNotFound() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/no-such-study/$cdisc-export")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(404);
	}
}
