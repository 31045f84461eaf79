package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim {@link AcceptedShapes} rests on: resources of one shape get one verdict from the full validator. Checked
 * on the profile examples (valid and invalid), hospital traffic, and mutations of every trial Observation example
 * that change what varies between records (values, dates, references, ids, identifiers) within and across the
 * classes, and what the profiles constrain (units, codes, status, required elements, invariants).
 */
class AcceptedShapesTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static FhirValidator validator;
	static TrialProfiles trialProfiles;
	static AcceptedShapes shapes;

	@BeforeAll
	static void build() throws Exception {
		ReusingInstanceValidatorTest.load();
		trialProfiles = ReusingInstanceValidatorTest.trialProfiles;
		validator = ProfileRulesTest.standaloneValidator();
		shapes = new AcceptedShapes(FHIR, ReusingInstanceValidatorTest.chain, 1000);
	}

	record Case(String label, Resource resource, Set<String> profiles, Optional<String> shape, boolean accepted) {}

	static Case judge(String label, Resource resource) {
		Set<String> profiles = trialProfiles.profilesFor(resource);
		Optional<String> shape = shapes.shapeOf(resource, profiles);
		ValidationOptions options = new ValidationOptions();
		profiles.forEach(options::addProfile);
		boolean accepted = validator.validateWithResult(resource, options).getMessages().stream()
				.noneMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL);
		return new Case(label, resource, profiles, shape, accepted);
	}

	@Test
	void resourcesOfOneShapeGetOneVerdict() {
		List<Case> cases = new ArrayList<>();
		for (Resource resource : ReusingInstanceValidatorTest.corpus) {
			if (trialProfiles.profilesFor(resource).isEmpty()) {
				continue;
			}
			cases.add(judge(resource.fhirType() + "/" + resource.getIdPart(), resource));
			if (resource instanceof Observation observation) {
				mutations().forEach((name, mutation) -> {
					Observation copy = observation.copy();
					try {
						mutation.accept(copy);
					} catch (RuntimeException notApplicable) {
						return;
					}
					cases.add(judge(resource.getIdPart() + " " + name, copy));
				});
			}
		}

		Map<String, List<Case>> byShape = new LinkedHashMap<>();
		cases.stream().filter(c -> c.shape().isPresent())
				.forEach(c -> byShape.computeIfAbsent(c.shape().get(), s -> new ArrayList<>()).add(c));
		for (List<Case> sameShape : byShape.values()) {
			assertThat(sameShape).as("verdicts of one shape: %s", sameShape.stream()
							.map(c -> c.label() + "=" + c.accepted()).toList())
					.extracting(Case::accepted).containsOnly(sameShape.get(0).accepted());
		}
		// Not vacuous: many resources share a shape, accepted ones and refused ones alike.
		long sharedAccepted = byShape.values().stream().filter(g -> g.size() > 1 && g.get(0).accepted()).count();
		long sharedRefused = byShape.values().stream().filter(g -> g.size() > 1 && !g.get(0).accepted()).count();
		assertThat(sharedAccepted).isGreaterThanOrEqualTo(10);
		assertThat(sharedRefused).isGreaterThanOrEqualTo(5);
		assertThat(cases.stream()
				.filter(c -> c.label().startsWith("Observation/example-") && c.accepted()))
				.as("every valid trial Observation example has a shape")
				.allSatisfy(c -> assertThat(c.shape()).as(c.label()).isPresent());
	}

	/** Changes to a trial Observation; one that does not apply to an example throws and is skipped. */
	static Map<String, Consumer<Observation>> mutations() {
		Map<String, Consumer<Observation>> m = new LinkedHashMap<>();
		for (String value : List.of("0", "0.001", "1.50", "2.9", "3", "3.5", "-0.1", "-2", "105", "106", "98765.4321")) {
			m.put("value " + value, o -> {
				if (o.hasValueQuantity()) {
					o.getValueQuantity().setValueElement(new DecimalType(value));
				} else if (o.hasValueIntegerType() && !value.contains(".")) {
					o.setValue(new IntegerType(value));
				} else {
					throw new IllegalStateException();
				}
			});
			m.put("reference range high " + value, o -> o.getReferenceRangeFirstRep().getHigh()
					.setValueElement(new DecimalType(value)).setSystem("http://unitsofmeasure.org").setCode("mg/dL"));
		}
		for (String date : List.of("2024-02-29", "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.123+01:00", "2024-03",
				"2024", "1850-06-01", "2099-12-31")) {
			m.put("effective " + date, o -> o.setEffective(new DateTimeType(date)));
		}
		m.put("effective time without zone", o -> {
			DateTimeType noZone = new DateTimeType();
			noZone.setValueAsString("2024-03-01T10:00:00");
			o.setEffective(noZone);
		});
		m.put("period in order", o -> o.setEffective(new Period().setStartElement(new DateTimeType("2024-03-01"))
				.setEndElement(new DateTimeType("2024-03-02"))));
		m.put("period reversed", o -> o.setEffective(new Period().setStartElement(new DateTimeType("2024-03-02"))
				.setEndElement(new DateTimeType("2024-03-01"))));
		m.put("period of mixed precision", o -> o.setEffective(new Period().setStartElement(new DateTimeType("2024-03"))
				.setEndElement(new DateTimeType("2024-03-01"))));
		m.put("period across time zones, in order", o -> o.setEffective(new Period()
				.setStartElement(new DateTimeType("2024-03-01T10:00:00+01:00"))
				.setEndElement(new DateTimeType("2024-03-01T09:30:00Z"))));
		m.put("period across time zones, reversed", o -> o.setEffective(new Period()
				.setStartElement(new DateTimeType("2024-03-01T10:00:00-01:00"))
				.setEndElement(new DateTimeType("2024-03-01T09:30:00Z"))));
		m.put("period reversed by a year", o -> o.setEffective(new Period().setStartElement(new DateTimeType("2025-03-02"))
				.setEndElement(new DateTimeType("2024-03-02"))));
		for (String reference : List.of("Patient/p-1", "Patient/other.2", "Group/g1", "Practitioner/x",
				"Patient/p-1/_history/3", "#p1", "urn:uuid:6d23a95e-7e18-4201-90ec-9501fa89fbd2", "NotAType/1")) {
			m.put("subject " + reference, o -> o.setSubject(new Reference(reference)));
		}
		m.put("no subject", o -> o.setSubject(null));
		m.put("no effective", o -> o.setEffective(null));
		for (String id : List.of("a", "obs-123", "x".repeat(64))) {
			m.put("id " + id, o -> o.setId(id));
		}
		m.put("no id", o -> o.setId((String) null));
		for (String value : List.of("ACC-1", "ACC-2", "12345", " lead")) {
			m.put("identifier " + value, o -> o.addIdentifier().setSystem("http://hospital.example/lab").setValue(value));
		}
		m.put("identifier without system", o -> o.addIdentifier().setValue("ACC-3"));
		// For these systems the validator checks the value's form.
		m.put("uri identifier, not a URI", o -> o.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue("ACC-4"));
		m.put("uri identifier, a URI", o -> o.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:oid:1.2.3.4"));
		m.put("uuid identifier, not a UUID", o -> o.addIdentifier().setSystem("https://tools.ietf.org/html/rfc4122").setValue("ACC-5"));
		for (String unit : List.of("mg/dL", "umol/L", "g/g", "mg/mmol", "g/L", "[IU]/mL", "kg")) {
			m.put("unit " + unit, o -> {
				Quantity q = o.getValueQuantity();
				if (!o.hasValueQuantity()) {
					throw new IllegalStateException();
				}
				q.setCode(unit).setUnit(unit);
			});
		}
		m.put("no unit system", o -> {
			if (!o.hasValueQuantity()) {
				throw new IllegalStateException();
			}
			o.getValueQuantity().setSystem(null);
		});
		for (String status : List.of("preliminary", "amended", "cancelled", "entered-in-error")) {
			m.put("status " + status, o -> o.setStatus(Observation.ObservationStatus.fromCode(status)));
		}
		m.put("creatinine in SI", o -> o.getCode().getCodingFirstRep().setCode("14682-9"));
		m.put("component weight", o -> {
			if (!o.hasComponent()) {
				throw new IllegalStateException();
			}
			o.getComponentFirstRep().setValue(new BooleanType(false));
		});
		m.put("declares the vital signs profile", o -> o.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/vitalsigns"));
		m.put("declares an unknown profile", o -> o.getMeta().addProfile("http://example.org/StructureDefinition/unknown"));
		m.put("extension", o -> o.addExtension(new Extension("http://example.org/x", new BooleanType(true))));
		m.put("contained patient", o -> o.addContained(new Patient().setId("p1")));
		return m;
	}

	@Test
	void valuesThatVaryBetweenRecordsShareAShapeAndWhatTheRulesReadDoesNot() {
		Observation creatinine = creatinine("obs-1", "Patient/p1", "2024-01-10", "1.4");
		String shape = shape(creatinine);
		assertThat(shape(creatinine("obs-2", "Patient/p2", "2025-06-30", "0.7"))).isEqualTo(shape);
		assertThat(shape(creatinine("obs-2", "Patient/p2", "2025-06-30T08:15:00Z", "0.7"))).isNotEqualTo(shape);
		assertThat(shape(creatinine("obs-1", "Group/p1", "2024-01-10", "1.4"))).isNotEqualTo(shape);
		// msc-non-negative reads the value: its result is part of the shape.
		assertThat(shape(creatinine("obs-1", "Patient/p1", "2024-01-10", "-1.4"))).isNotEqualTo(shape);
		// Out of class: kept as it is.
		assertThat(shape(creatinine("obs-1", "Patient/p1", "2024-01-10", "1.40000001"))).contains("1.40000001");
	}

	@Test
	void aValueAProfileBoundsIsKept() {
		Observation sledai = new Observation();
		sledai.setStatus(Observation.ObservationStatus.FINAL);
		sledai.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("survey");
		sledai.getCode().addCoding().setSystem("http://msc-lupus.org/fhir/CodeSystem/lupus-trial").setCode("sledai-2k");
		sledai.setSubject(new Reference("Patient/p1")).setEffective(new DateTimeType("2024-01-10"));
		sledai.setValue(new IntegerType(6));
		String six = shape(sledai);
		sledai.setValue(new IntegerType(8));
		assertThat(shape(sledai)).isNotEqualTo(six);
	}

	@Test
	void extensionsAndContainedResourcesHaveNoShape() {
		Observation withExtension = creatinine("obs-1", "Patient/p1", "2024-01-10", "1.4");
		withExtension.getValueQuantity().getValueElement().addExtension(new Extension("http://example.org/x", new BooleanType(true)));
		assertThat(shapes.shapeOf(withExtension, trialProfiles.profilesFor(withExtension))).isEmpty();
		Observation withContained = creatinine("obs-1", "Patient/p1", "2024-01-10", "1.4");
		withContained.addContained(new Patient().setId("p"));
		assertThat(shapes.shapeOf(withContained, trialProfiles.profilesFor(withContained))).isEmpty();
		assertThat(shapes.shapeOf(withContained, Set.of("http://example.org/unknown-profile"))).isEmpty();
		org.hl7.fhir.r4.model.Bundle bundle = new org.hl7.fhir.r4.model.Bundle()
				.setType(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION);
		bundle.addEntry().setResource(creatinine("obs-1", "Patient/p1", "2024-01-10", "1.4"));
		assertThat(shapes.shapeOf(bundle, Set.of("http://hl7.org/fhir/StructureDefinition/Bundle"))).isEmpty();
		Observation declaringUnknown = creatinine("obs-1", "Patient/p1", "2024-01-10", "1.4");
		declaringUnknown.getMeta().addProfile("http://example.org/unknown-profile");
		assertThat(shapes.shapeOf(declaringUnknown, trialProfiles.profilesFor(declaringUnknown))).isEmpty();
	}

	@Test
	void aShapeValidatedAcrossAChangeOfDefinitionsIsNotRemembered() {
		AcceptedShapes own = new AcceptedShapes(FHIR, ReusingInstanceValidatorTest.chain, 2);
		long before = own.generation();
		own.forget();
		own.accept("shape", before);
		assertThat(own.isAccepted("shape")).isFalse();
		own.accept("shape", own.generation());
		assertThat(own.isAccepted("shape")).isTrue();
		assertThat(own.hits()).isEqualTo(1);
	}

	@Test
	void whenFullItStartsAgainEmptyAndAtZeroItIsOff() {
		AcceptedShapes two = new AcceptedShapes(FHIR, ReusingInstanceValidatorTest.chain, 2);
		two.accept("a", two.generation());
		two.accept("b", two.generation());
		two.accept("c", two.generation());
		assertThat(two.isAccepted("a")).isFalse();
		assertThat(two.isAccepted("c")).isTrue();
		AcceptedShapes off = new AcceptedShapes(FHIR, ReusingInstanceValidatorTest.chain, 0);
		Observation creatinine = creatinine("obs-1", "Patient/p1", "2024-01-10", "1.4");
		assertThat(off.shapeOf(creatinine, trialProfiles.profilesFor(creatinine))).isEmpty();
		off.accept("a", off.generation());
		assertThat(off.isAccepted("a")).isFalse();
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {
		"decimal, Quantity, value, 0, decimal",
		"decimal, Quantity, value, -12.5, decimal",
		"decimal, Quantity, value, 123456789012.123456, decimal",
		"decimal, Quantity, value, 1234567890123, null",
		"decimal, Quantity, value, 1.1234567, null",
		"decimal, Quantity, value, 01.2, null",
		"decimal, Quantity, value, 1e3, null",
		"integer, Observation, value[x], 0, integer0",
		"integer, Observation, value[x], -7, integer-1",
		"positiveInt, Timing.repeat, count, 999999999, integer1",
		"positiveInt, Timing.repeat, count, 1000000000, null",
		"dateTime, Observation, effective[x], 2024-02-29, dateTime:0000-00-00",
		"dateTime, Observation, effective[x], 2023-02-29, null",
		"dateTime, Observation, effective[x], 2023-04-31, null",
		"dateTime, Observation, effective[x], 1800-01-01, dateTime:0000-00-00",
		"dateTime, Observation, effective[x], 1799-12-31, null",
		"dateTime, Observation, effective[x], 2024-01-10T23:59:59Z, dateTime:0000-00-00T00:00:00Z",
		"dateTime, Observation, effective[x], 2024-01-10T23:59:60Z, null",
		"dateTime, Observation, effective[x], 2024-01-10T10:00:00, null",
		"dateTime, Observation, effective[x], 2024-01-10T10:00:00+14:00, dateTime:0000-00-00T00:00:00+00:00",
		"dateTime, Observation, effective[x], 2024-01-10T10:00:00+14:30, null",
		"instant, Observation, issued, 2024-01-10T10:00:00.5Z, instant:0000-00-00T00:00:00.0Z",
		"instant, Observation, issued, 2024-01-10, null",
		"string, Reference, reference, Patient/abc-1.2, reference:Patient",
		"string, Reference, reference, Unknown/abc, null",
		"string, Reference, reference, Patient/abc/_history/1, null",
		"string, Reference, reference, Patient/a b, null",
		"string, Identifier, value, ACC-001, string",
		"string, Identifier, value, ' ACC', null",
		"string, Identifier, value, '<b>', null",
		"string, Identifier, system, ACC-001, null",
		"string, CodeableConcept, text, anything, null",
		"code, Observation, status, final, null",
		"unsignedInt, Attachment, size, 12, null",
		"decimal, SampledData, factor, 1.5, null",
		"decimal, Observation.component, value[x], 1.5, decimal",
		"decimal, Age, value, 40, decimal",
		"dateTime, Attachment, creation, 2024-01-10, null",
		"dateTime, Period, start, 2024-01-10, dateTime:0000-00-00",
		"instant, Meta, lastUpdated, 2024-01-10T10:00:00Z, instant:0000-00-00T00:00:00Z",
		"date, Patient, birthDate, 1980-01-01, date:0000-00-00",
	})
	void valueClasses(String type, String parentType, String name, String value, String expected) {
		assertThat(shapes.valueClass(type, parentType, name, false, value)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({"a, true", "A-b.9, true", "'', false", "a_b, false", "a b, false"})
	void resourceIds(String id, boolean hasClass) {
		assertThat(shapes.valueClass("id", "Observation", "id", true, id) != null).isEqualTo(hasClass);
		assertThat(shapes.valueClass("id", "Observation", "id", true, "x".repeat(64)) != null).isTrue();
		assertThat(shapes.valueClass("id", "Observation", "id", true, "x".repeat(65)) != null).isFalse();
	}

	static String shape(Observation observation) {
		return shapes.shapeOf(observation, trialProfiles.profilesFor(observation)).orElseThrow();
	}

	static Observation creatinine(String id, String subject, String effective, String value) {
		Observation o = new Observation();
		o.setId(id);
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("laboratory");
		o.getCode().addCoding().setSystem("http://loinc.org").setCode("2160-0");
		o.setSubject(new Reference(subject));
		o.setEffective(new DateTimeType(effective));
		o.setValue(new Quantity().setValueElement(new DecimalType(new BigDecimal(value)))
				.setUnit("mg/dL").setSystem("http://unitsofmeasure.org").setCode("mg/dL"));
		return o;
	}
}
