package org.msclupus.fhir.cdisc;

import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Define-XML 2.1 for one export: the study, the standards (SDTMIG 3.4, ADaMIG 1.3), one ItemGroupDef per dataset
 * with its def:leaf naming the file in the zip, one ItemDef per variable with its origin (Collected, Derived with its
 * MethodDef, Assigned, Protocol, Predecessor), and the codelists of the controlled values the datasets hold. Element
 * order follows the Define-XML 2.1 schema; the layout follows CDISC's own example define.xml.
 */
public final class DefineXml {

	private static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";
	private static final String DEF = "http://www.cdisc.org/ns/def/v2.1";
	private static final String XLINK = "http://www.w3.org/1999/xlink";
	private static final String XML = "http://www.w3.org/XML/1998/namespace";

	/** A codelist: OID, name and the NCI code of the CDISC codelist (null when sponsor-defined). */
	record Codelist(String oid, String name, String nciCode) {
	}

	// Which variables take values from which codelist (CDISC CT, or the sponsor's own where CT has none).
	private static final Map<String, Codelist> CODELISTS = new LinkedHashMap<>();

	static {
		Codelist ny = new Codelist("CL.NY", "No Yes Response", "C66742");
		for (String flag : List.of("DTHFL", "AESER", "AESDTH", "AESLIFE", "AESHOSP", "AESDISAB", "AESCONG", "AESMIE",
				"LBLOBXFL", "VSLOBXFL", "ITTFL", "SAFFL", "EFFFL",
				"ABLFL")) {
			CODELISTS.put(flag, ny);
		}
		CODELISTS.put("SEX", new Codelist("CL.SEX", "Sex", "C66731"));
		CODELISTS.put("AGEU", new Codelist("CL.AGEU", "Age Unit", "C66781"));
		CODELISTS.put("EPOCH", new Codelist("CL.EPOCH", "Epoch", "C99079"));
		CODELISTS.put("AEOUT", new Codelist("CL.OUT", "Outcome of Event", "C66768"));
		CODELISTS.put("AEREL", new Codelist("CL.AEREL", "Causality", null));
		CODELISTS.put("AETOXGR", new Codelist("CL.TOXGR", "Toxicity Grade", "C87472"));
		CODELISTS.put("LBNRIND", new Codelist("CL.NRIND", "Reference Range Indicator", "C78736"));
		Codelist route = new Codelist("CL.ROUTE", "Route of Administration Response", "C66729");
		CODELISTS.put("EXROUTE", route);
		CODELISTS.put("CMROUTE", route);
		CODELISTS.put("EXDOSFRM", new Codelist("CL.FRM", "Pharmaceutical Dosage Form", "C66726"));
		CODELISTS.put("CMDOSFRQ", new Codelist("CL.FREQ", "Frequency", "C71113"));
		CODELISTS.put("TSPARMCD", new Codelist("CL.TSPARMCD", "Trial Summary Parameter Test Code", "C66738"));
		CODELISTS.put("LBTESTCD", new Codelist("CL.LBTESTCD", "Laboratory Test Code", "C65047"));
		CODELISTS.put("VSTESTCD", new Codelist("CL.VSTESTCD", "Vital Signs Test Code", "C66741"));
		Codelist unit = new Codelist("CL.UNIT", "Unit", "C71620");
		for (String u : List.of("LBSTRESU", "VSSTRESU", "EXDOSU", "CMDOSU")) {
			CODELISTS.put(u, unit);
		}
		CODELISTS.put("ARMCD", new Codelist("CL.ARMCD", "Planned Arm Code", null));
		CODELISTS.put("ACTARMCD", new Codelist("CL.ARMCD", "Planned Arm Code", null));
		CODELISTS.put("AVALC", new Codelist("CL.RESPONSE", "Response", null));
	}

	private DefineXml() {
	}

	public static void write(OutputStream out, List<Dataset> datasets, ExportFormat format,
			DatasetFiles.Context context, String studyName, String studyDescription) throws XMLStreamException {
		XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
		xml.writeStartDocument("UTF-8", "1.0");
		xml.setDefaultNamespace(ODM);
		xml.setPrefix("def", DEF);
		xml.setPrefix("xlink", XLINK);
		xml.writeStartElement("", "ODM", ODM);
		xml.writeDefaultNamespace(ODM);
		xml.writeNamespace("def", DEF);
		xml.writeNamespace("xlink", XLINK);
		xml.writeAttribute("ODMVersion", "1.3.2");
		xml.writeAttribute("FileOID", context.studyOid() + ".define");
		xml.writeAttribute("FileType", "Snapshot");
		xml.writeAttribute("CreationDateTime", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(context.created()));
		xml.writeAttribute("Originator", context.originator());
		xml.writeAttribute("SourceSystem", context.systemName());
		xml.writeAttribute("SourceSystemVersion", context.systemVersion());
		xml.writeAttribute(DEF, "Context", "Other");

		xml.writeStartElement(ODM, "Study");
		xml.writeAttribute("OID", context.studyOid());
		xml.writeStartElement(ODM, "GlobalVariables");
		element(xml, "StudyName", studyName);
		element(xml, "StudyDescription", studyDescription == null ? studyName : studyDescription);
		element(xml, "ProtocolName", studyName);
		xml.writeEndElement();

		xml.writeStartElement(ODM, "MetaDataVersion");
		xml.writeAttribute("OID", context.metaDataVersionOid());
		xml.writeAttribute("Name", "SDTM and ADaM datasets exported from the FHIR server");
		xml.writeAttribute(DEF, "DefineVersion", "2.1.0");
		xml.writeStartElement(DEF, "Standards");
		standard(xml, "STD.SDTMIG", "SDTMIG", "3.4");
		standard(xml, "STD.ADAMIG", "ADaMIG", "1.3");
		xml.writeEndElement();

		for (Dataset d : datasets) {
			itemGroup(xml, d, format);
		}
		Map<String, TreeSet<String>> used = new LinkedHashMap<>();
		Map<String, Codelist> byOid = new LinkedHashMap<>();
		for (Dataset d : datasets) {
			for (int i = 0; i < d.variables().size(); i++) {
				Codelist list = CODELISTS.get(d.variables().get(i).name());
				if (list == null) {
					continue;
				}
				byOid.put(list.oid(), list);
				TreeSet<String> values = used.computeIfAbsent(list.oid(), k -> new TreeSet<>());
				for (Object[] row : d.rows()) {
					if (row[i] != null) {
						values.add(row[i].toString());
					}
				}
			}
		}
		// ODM requires at least one item in a CodeList: a codelist no record uses (an empty domain) is left out, and
		// so are the references to it.
		byOid.keySet().removeIf(oid -> used.get(oid).isEmpty());
		for (Dataset d : datasets) {
			for (int i = 0; i < d.variables().size(); i++) {
				itemDef(xml, d, i, byOid.keySet());
			}
		}
		for (Codelist list : byOid.values()) {
			xml.writeStartElement(ODM, "CodeList");
			xml.writeAttribute("OID", list.oid());
			xml.writeAttribute("Name", list.name());
			xml.writeAttribute("DataType", "text");
			int order = 1;
			for (String value : used.get(list.oid())) {
				xml.writeStartElement(ODM, "EnumeratedItem");
				xml.writeAttribute("CodedValue", value);
				xml.writeAttribute("OrderNumber", Integer.toString(order++));
				xml.writeEndElement();
			}
			if (list.nciCode() != null) {
				xml.writeEmptyElement(ODM, "Alias");
				xml.writeAttribute("Context", "nci:ExtCodeID");
				xml.writeAttribute("Name", list.nciCode());
			}
			xml.writeEndElement();
		}
		Map<String, String> methods = new LinkedHashMap<>();
		for (Dataset d : datasets) {
			for (Variable v : d.variables()) {
				if (v.method() != null) {
					methods.put(methodOid(d, v), v.method());
				}
			}
		}
		for (Map.Entry<String, String> method : methods.entrySet()) {
			xml.writeStartElement(ODM, "MethodDef");
			xml.writeAttribute("OID", method.getKey());
			xml.writeAttribute("Name", "Derivation of " + method.getKey().substring(3));
			xml.writeAttribute("Type", "Computation");
			description(xml, method.getValue());
			xml.writeEndElement();
		}
		xml.writeEndElement(); // MetaDataVersion
		xml.writeEndElement(); // Study
		xml.writeEndElement(); // ODM
		xml.writeEndDocument();
		xml.close();
	}

	private static void itemGroup(XMLStreamWriter xml, Dataset d, ExportFormat format) throws XMLStreamException {
		xml.writeStartElement(ODM, "ItemGroupDef");
		xml.writeAttribute("OID", DatasetFiles.itemGroupOid(d));
		xml.writeAttribute("Name", d.name());
		if (!d.analysis() && !d.name().startsWith("SUPP") && !d.datasetClass().equals("TRIAL DESIGN")) {
			xml.writeAttribute("Domain", d.name());
		}
		xml.writeAttribute("Repeating", d.structure().equals("One record per subject") ? "No" : "Yes");
		xml.writeAttribute("IsReferenceData", d.datasetClass().equals("TRIAL DESIGN") ? "Yes" : "No");
		xml.writeAttribute("SASDatasetName", d.name());
		xml.writeAttribute(DEF, "Structure", d.structure());
		xml.writeAttribute("Purpose", d.analysis() ? "Analysis" : "Tabulation");
		xml.writeAttribute(DEF, "StandardOID", d.analysis() ? "STD.ADAMIG" : "STD.SDTMIG");
		xml.writeAttribute(DEF, "ArchiveLocationID", "LF." + d.name());
		description(xml, d.label());
		for (int i = 0; i < d.variables().size(); i++) {
			Variable v = d.variables().get(i);
			xml.writeEmptyElement(ODM, "ItemRef");
			xml.writeAttribute("ItemOID", DatasetFiles.itemOid(d, v));
			xml.writeAttribute("Mandatory", d.keys().contains(v.name()) || v.name().equals("DOMAIN") ? "Yes" : "No");
			xml.writeAttribute("OrderNumber", Integer.toString(i + 1));
			int key = d.keys().indexOf(v.name());
			if (key >= 0) {
				xml.writeAttribute("KeySequence", Integer.toString(key + 1));
			}
			if (v.method() != null) {
				xml.writeAttribute("MethodOID", methodOid(d, v));
			}
		}
		xml.writeEmptyElement(DEF, "Class");
		xml.writeAttribute("Name", d.datasetClass());
		String file = format.fileName(d.name());
		xml.writeStartElement(DEF, "leaf");
		xml.writeAttribute("ID", "LF." + d.name());
		xml.writeAttribute(XLINK, "href", file);
		xml.writeStartElement(DEF, "title");
		xml.writeCharacters(file);
		xml.writeEndElement();
		xml.writeEndElement();
		xml.writeEndElement();
	}

	private static void itemDef(XMLStreamWriter xml, Dataset d, int column, java.util.Set<String> codelists)
			throws XMLStreamException {
		Variable v = d.variables().get(column);
		xml.writeStartElement(ODM, "ItemDef");
		xml.writeAttribute("OID", DatasetFiles.itemOid(d, v));
		xml.writeAttribute("Name", v.name());
		xml.writeAttribute("DataType", dataType(v));
		if (v.type() == Variable.Type.TEXT) {
			xml.writeAttribute("Length", Integer.toString(d.length(column)));
		}
		xml.writeAttribute("SASFieldName", v.name());
		if (v.type() == Variable.Type.DATE) {
			xml.writeAttribute(DEF, "DisplayFormat", "DATE9.");
		}
		description(xml, v.label());
		Codelist list = CODELISTS.get(v.name());
		if (list != null && codelists.contains(list.oid())) {
			xml.writeEmptyElement(ODM, "CodeListRef");
			xml.writeAttribute("CodeListOID", list.oid());
		}
		xml.writeEmptyElement(DEF, "Origin");
		xml.writeAttribute("Type", v.origin().defineName());
		if (v.origin() == Variable.Origin.COLLECTED) {
			xml.writeAttribute("Source", "Investigator");
		}
		xml.writeEndElement();
	}

	static String dataType(Variable v) {
		return switch (v.type()) {
			case TEXT -> v.name().endsWith("DTC") ? "partialDatetime" : "text";
			case INTEGER, DATE -> "integer";
			case FLOAT -> "float";
		};
	}

	private static String methodOid(Dataset d, Variable v) {
		return "MT." + d.name() + "." + v.name();
	}

	private static void standard(XMLStreamWriter xml, String oid, String name, String version)
			throws XMLStreamException {
		xml.writeEmptyElement(DEF, "Standard");
		xml.writeAttribute("OID", oid);
		xml.writeAttribute("Name", name);
		xml.writeAttribute("Type", "IG");
		xml.writeAttribute("Version", version);
		xml.writeAttribute("Status", "Final");
	}

	private static void description(XMLStreamWriter xml, String text) throws XMLStreamException {
		xml.writeStartElement(ODM, "Description");
		xml.writeStartElement(ODM, "TranslatedText");
		xml.writeAttribute("xml", XML, "lang", "en");
		xml.writeCharacters(text);
		xml.writeEndElement();
		xml.writeEndElement();
	}

	private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement(ODM, name);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}
}
