package org.msclupus.fhir.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.conformance.ConformanceConfiguration;

/** The direct writer against HAPI's own JSON encoding of the same answer, byte for byte, value kind by value kind. */
class OutputJsonTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	static {
		// as the server's context is configured: versioned references kept where the answers carry evidence
		ConformanceConfiguration.keepVersionedEvidence(FHIR);
	}

	private static String hapi(Output output) {
		return FHIR.newJsonParser().encodeResourceToString(output.toParameters());
	}

	private static String direct(Output output) throws Exception {
		assertThat(OutputJson.canWrite(output)).as("the writer takes this answer").isTrue();
		StringWriter writer = new StringWriter();
		IParser parser = FHIR.newJsonParser();
		OutputJson.write(output, parser, writer);
		return writer.toString();
	}

	private static void sameAsHapi(Consumer<Output> build) throws Exception {
		Output output = new Output();
		build.accept(output);
		assertThat(direct(output)).isEqualTo(hapi(output));
	}

	@Test
	void plainValuesAreWrittenAsHapiWritesThem() throws Exception {
		sameAsHapi(o -> o.add("row").part("string", "plain").part("code", Output.code("PR"))
				.part("ref", Output.ref("ResearchSubject/s-1")).part("integer", 42).part("long", 7L)
				.part("date", LocalDate.of(2025, 2, 28)).part("yes", true).part("no", false));
	}

	@Test
	void decimalsKeepTheirTextAndScale() throws Exception {
		sameAsHapi(o -> o.add("row").part("scaled", new BigDecimal("1.50")).part("small", new BigDecimal("0.000001"))
				.part("exponent", new BigDecimal("1E+3")).part("negative", new BigDecimal("-0.0"))
				.part("double", 0.1).part("tiny", 1e-7).part("large", 12345.678).part("whole", 3.0)
				.part("fhir", new DecimalType("2.300")));
	}

	@Test
	void stringsAreEscapedAsHapiEscapesThem() throws Exception {
		sameAsHapi(o -> o.add("row").part("quotes", "say \"x\" \\ y").part("controls", "a\tb\nc\rd\u0001e")
				.part("markup", "<b>&amp;</b> '/'").part("unicode", "µmol/L, ≥ 1.5, 中文, \u2028, 😀")
				.part("spaces", "  padded  "));
	}

	@Test
	void fhirTypesAndCompositesAreWrittenAsHapiWritesThem() throws Exception {
		sameAsHapi(o -> o.add("row").part("coding", new Coding("http://loinc.org", "2160-0", "Creatinine"))
				.part("concept", new CodeableConcept(new Coding("http://snomed.info/sct", "1", null)).setText("t"))
				.part("quantity", new Quantity().setValue(new BigDecimal("1.20")).setUnit("mg/dL")
						.setSystem("http://unitsofmeasure.org").setCode("mg/dL"))
				.part("period", new Period().setStartElement(new DateTimeType("2025-01-02"))
						.setEndElement(new DateTimeType("2025-03-04T10:11:12+01:00")))
				.part("instant", new InstantType("2025-01-02T03:04:05.678Z"))
				.part("dateTime", new DateTimeType("2025-01"))
				.part("canonical", new CanonicalType("http://msc-lupus.org/fhir/SubscriptionTopic/serious-adverse-event"))
				.part("url", new UrlType("https://example.org/hook")).part("positive", new PositiveIntType(3)));
	}

	@Test
	void ownValuesGroupsEmptiesAndVersionedEvidenceAsHapiWritesThem() throws Exception {
		sameAsHapi(o -> {
			o.add("study").value(Output.ref("ResearchStudy/demo"));
			o.add("asOf").value(LocalDate.of(2026, 1, 1));
			o.add("empty");
			o.add("blank").part("text", "").part("kept", "x");
			Output.Row item = o.add("item").part("evidence", Output.ref("Observation/o-1/_history/3"));
			item.group("impact").part("criteria", Output.code("ln-renal-response")).part("withValue", "CR")
					.part("subject", Output.ref("ResearchSubject/s-1"));
			item.group("delivery").part("attempts", 2).group("inner").part("n", 1);
			o.add("last").parts("evidence", List.of(Output.ref("Observation/a/_history/1"),
					Output.ref("Observation/b/_history/2")));
		});
		sameAsHapi(o -> { });
	}

	@Test
	void refusesWhatItCannotWriteExactly() {
		Output extended = new Output();
		StringType withExtension = new StringType("x");
		withExtension.addExtension(new Extension("http://example.org/e", new StringType("y")));
		extended.add("row").part("value", withExtension);
		assertThat(OutputJson.canWrite(extended)).as("a primitive with an extension").isFalse();

		Output absolute = new Output();
		absolute.add("row").part("ref", new Reference("http://localhost:8080/fhir/Observation/1"));
		assertThat(OutputJson.canWrite(absolute)).as("an absolute reference").isFalse();

		Output deep = new Output();
		deep.add("row").group("g").part("ref", Output.ref("Observation/1/_history/2"));
		assertThat(OutputJson.canWrite(deep)).as("a versioned reference below a part").isFalse();

		Output shallow = new Output();
		shallow.add("row").part("ref", Output.ref("Observation/1/_history/2")).group("g")
				.part("ref", Output.ref("Observation/1"));
		assertThat(OutputJson.canWrite(shallow)).as("versioned at a part, versionless below").isTrue();
	}
}
