package org.msclupus.fhir.cdisc;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * CDISC's Define-XML 2.1.0 schema with the ODM 1.3.2 foundation it imports (test resources
 * {@code cdisc-define-xml-2.1/}, copied unchanged from the SAS Clinical Standards Toolkit's schema repository), for
 * checking every define.xml the export writes. The schema resolves its relative imports from its own URL.
 */
public final class DefineXmlSchema {

	private static Schema schema;

	private DefineXmlSchema() {
	}

	private static synchronized Schema schema() throws Exception {
		if (schema == null) {
			URL entry = DefineXmlSchema.class.getResource("/cdisc-define-xml-2.1/cdisc-definexml-2.1.0/define2-1-0.xsd");
			schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(entry);
		}
		return schema;
	}

	/** Every error and warning the schema reports for the document, with its line; empty when it is valid. */
	public static List<String> problems(byte[] defineXml) throws Exception {
		List<String> problems = new ArrayList<>();
		Validator validator = schema().newValidator();
		validator.setErrorHandler(new ErrorHandler() {
			@Override
			public void warning(SAXParseException e) {
				problems.add("warning line " + e.getLineNumber() + ": " + e.getMessage());
			}

			@Override
			public void error(SAXParseException e) {
				problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
			}

			@Override
			public void fatalError(SAXParseException e) {
				problems.add("fatal line " + e.getLineNumber() + ": " + e.getMessage());
			}
		});
		validator.validate(new StreamSource(new ByteArrayInputStream(defineXml)));
		return problems;
	}
}
