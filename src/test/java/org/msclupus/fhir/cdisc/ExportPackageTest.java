package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.LnRenalResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The zip of one export: one file per dataset, every Dataset-JSON and NDJSON line valid against CDISC's schemas, and
 * define.xml in Define-XML 2.1's element order with origins, methods, codelists and leaves.
 */
class ExportPackageTest {

	static final ObjectMapper JSON = new ObjectMapper();
	static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";
	static final String DEF = "http://www.cdisc.org/ns/def/v2.1";
	static final DatasetFiles.Context CONTEXT = new DatasetFiles.Context(LocalDateTime.of(2026, 11, 30, 9, 0),
			"STUDY.LN-01", "MDV.LN-01", "msc-lupus-fhir", "msc-lupus-fhir", "test");

	static List<Dataset> datasets(List<TrialData.Subject> subjects) {
		List<Dataset> all = new ArrayList<>(Sdtm.all(TrialDataFixture.study(), subjects));
		all.addAll(Adam.all(TrialDataFixture.study(), List.of(new LnRenalResponse(LnRenalResponse.Thresholds.DEFAULTS),
				new ChangeFromBaseline(ChangeFromBaseline.Thresholds.DEFAULTS)), subjects.stream()
						.map(s -> new Adam.AnalysisSubject(s, List.of(), Map.of())).toList()));
		return all;
	}

	static Map<String, byte[]> zip(List<Dataset> datasets, ExportFormat format) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ExportPackage.write(out, ExportPackage.prepare(datasets, format), CONTEXT, "LN-01", "A trial",
				Map.of("operation-outcome.json", "{}".getBytes()));
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				files.put(e.getName(), in.readAllBytes());
			}
		}
		return files;
	}

	static JsonSchema schema(String file) throws Exception {
		return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
				.getSchema(JSON.readTree(Path.of("src/test/resources/cdisc-examples", file).toFile()));
	}

	@Test
	void everyDatasetJsonFileValidatesEvenForAStudyWithoutSubjects() throws Exception {
		JsonSchema schema = schema("dataset.schema.json");
		for (List<TrialData.Subject> subjects : List.of(List.<TrialData.Subject>of(),
				List.of(TrialDataFixture.treated(), TrialDataFixture.untreated()))) {
			Map<String, byte[]> files = zip(datasets(subjects), ExportFormat.DATASET_JSON);
			assertThat(files).hasSize(17 + 2);
			for (Map.Entry<String, byte[]> f : files.entrySet()) {
				if (f.getKey().endsWith(".json") && !f.getKey().startsWith("operation")) {
					assertThat(schema.validate(JSON.readTree(f.getValue()))).as(f.getKey()).isEmpty();
					assertThat(JSON.readTree(f.getValue()).get("columns").size()).as(f.getKey()).isPositive();
				}
			}
		}
	}

	/**
	 * CDISC's NDJSON schema (UTF-16, as published) refers to Column, SourceSystem and DataTypesEnum without
	 * defining them; they are taken from the Dataset-JSON schema it comes with.
	 */
	static JsonSchema ndjsonSchema() throws Exception {
		com.fasterxml.jackson.databind.node.ObjectNode ndjson = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
				.readTree(Path.of("src/test/resources/cdisc-examples/dataset-ndjson-schema.json").toFile());
		com.fasterxml.jackson.databind.JsonNode full = JSON.readTree(
				Path.of("src/test/resources/cdisc-examples/dataset.schema.json").toFile());
		com.fasterxml.jackson.databind.node.ObjectNode defs = (com.fasterxml.jackson.databind.node.ObjectNode) ndjson
				.get("$defs");
		for (String missing : List.of("Column", "SourceSystem", "DataTypesEnum")) {
			defs.set(missing, full.get("$defs").get(missing));
		}
		return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(ndjson);
	}

	@Test
	void ndjsonLinesValidateAgainstTheNdjsonSchema() throws Exception {
		JsonSchema schema = ndjsonSchema();
		Map<String, byte[]> files = zip(datasets(List.of(TrialDataFixture.treated())), ExportFormat.NDJSON);
		String[] lines = new String(files.get("lb.ndjson")).split("\n");
		assertThat(lines).hasSize(1 + 4);
		assertThat(schema.validate(JSON.readTree(lines[0]))).isEmpty();
	}

	/**
	 * define.xml of a study without subjects (every domain empty, so no codelist has a value), of one with subjects
	 * and in every format, against CDISC's Define-XML 2.1 schema: an ODM CodeList needs at least one item.
	 */
	@Test
	void everyDefineXmlValidatesAgainstTheDefine21Schema() throws Exception {
		for (List<TrialData.Subject> subjects : List.of(List.<TrialData.Subject>of(),
				List.of(TrialDataFixture.untreated()), List.of(TrialDataFixture.treated(), TrialDataFixture.untreated()))) {
			for (ExportFormat format : ExportFormat.values()) {
				byte[] define = zip(datasets(subjects), format).get("define.xml");
				assertThat(DefineXmlSchema.problems(define)).as("%d subjects, %s", subjects.size(), format).isEmpty();
			}
		}
	}

	@Test
	void defineXmlFollowsDefine21() throws Exception {
		Map<String, byte[]> files = zip(datasets(List.of(TrialDataFixture.treated())), ExportFormat.XPT);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
		factory.setNamespaceAware(true);
		Document define = factory.newDocumentBuilder().parse(new ByteArrayInputStream(files.get("define.xml")));
		Element version = (Element) define.getElementsByTagNameNS(ODM, "MetaDataVersion").item(0);
		assertThat(version.getAttributeNS(DEF, "DefineVersion")).isEqualTo("2.1.0");
		// MetaDataVersion's children in the schema's order
		List<String> order = new ArrayList<>();
		for (Node n = version.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && (order.isEmpty() || !order.get(order.size() - 1).equals(e.getLocalName()))) {
				order.add(e.getLocalName());
			}
		}
		assertThat(order).containsExactly("Standards", "ItemGroupDef", "ItemDef", "CodeList", "MethodDef");
		NodeList groups = define.getElementsByTagNameNS(ODM, "ItemGroupDef");
		assertThat(groups.getLength()).isEqualTo(17);
		Element dm = byAttribute(groups, "Name", "DM");
		assertThat(dm.getAttribute("Purpose")).isEqualTo("Tabulation");
		assertThat(dm.getAttributeNS(DEF, "StandardOID")).isEqualTo("STD.SDTMIG");
		Element leaf = (Element) dm.getElementsByTagNameNS(DEF, "leaf").item(0);
		assertThat(leaf.getAttributeNS("http://www.w3.org/1999/xlink", "href")).isEqualTo("dm.xpt");
		Element adsl = byAttribute(groups, "Name", "ADSL");
		assertThat(adsl.getAttribute("Purpose")).isEqualTo("Analysis");
		assertThat(((Element) adsl.getElementsByTagNameNS(DEF, "Class").item(0)).getAttribute("Name"))
				.isEqualTo("SUBJECT LEVEL ANALYSIS DATASET");
		// a derived variable names its method, and the method exists
		Element lbdy = byAttribute(define.getElementsByTagNameNS(ODM, "ItemRef"), "ItemOID", "IT.LB.LBDY");
		assertThat(lbdy.getAttribute("MethodOID")).isEqualTo("MT.LB.LBDY");
		assertThat(byAttribute(define.getElementsByTagNameNS(ODM, "MethodDef"), "OID", "MT.LB.LBDY")
				.getTextContent()).contains("RFSTDTC");
		Element lbdyDef = byAttribute(define.getElementsByTagNameNS(ODM, "ItemDef"), "OID", "IT.LB.LBDY");
		assertThat(((Element) lbdyDef.getElementsByTagNameNS(DEF, "Origin").item(0)).getAttribute("Type"))
				.isEqualTo("Derived");
		Element sex = byAttribute(define.getElementsByTagNameNS(ODM, "CodeList"), "OID", "CL.SEX");
		assertThat(sex.getElementsByTagNameNS(ODM, "EnumeratedItem").getLength()).isEqualTo(1); // only F is used
		Element trtsdt = byAttribute(define.getElementsByTagNameNS(ODM, "ItemDef"), "OID", "IT.ADSL.TRTSDT");
		assertThat(trtsdt.getAttribute("DataType")).isEqualTo("integer");
		assertThat(trtsdt.getAttributeNS(DEF, "DisplayFormat")).isEqualTo("DATE9.");
	}

	private static Element byAttribute(NodeList nodes, String attribute, String value) {
		for (int i = 0; i < nodes.getLength(); i++) {
			Element e = (Element) nodes.item(i);
			if (value.equals(e.getAttribute(attribute))) {
				return e;
			}
		}
		throw new AssertionError("no element with " + attribute + "=" + value);
	}
}
