package org.msclupus.fhir.verification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.design.TrialCodes;

/**
 * A lupus nephritis study that needs its endpoint values verified, through the real server (issue 27). Subject A was
 * verified value by value: infused on day 0, baseline creatinine 1.5 mg/dL and UPCR 2.0 g/g, at week 24 creatinine
 * 0.9 mg/dL (day 168) and UPCR 0.9 g/g (day 175): a partial renal response. Then three wrong values arrive from the
 * EHR: a UPCR of 90 mg/g labelled 0.09 g/g on day 168 (nearer week 24's target, so it turns the response complete),
 * a creatinine dated into week 16 instead of week 24, and the baseline UPCR again from a second interface.
 */
abstract class SourceVerificationScenario {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.of(2026, 1, 10);
	static final String AS_OF = DAY0.plusDays(200).toString();

	final String run = UUID.randomUUID().toString().substring(0, 8);
	IGenericClient client;
	String study;
	String subject;
	String noneStudy;
	String noneStudyObservation;
	List<String> verifiedRecords;
	String week24Upcr;

	abstract int port();

	void load() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port() + "/fhir");
		TrialRecords records = new TrialRecords();
		study = records.study("sdv-" + run, "NCT0" + Math.abs(run.hashCode() % 10_000_000), "weeks-24",
				List.of("ln-renal-response"));
		((ResearchStudy) records.bundle().getEntryFirstRep().getResource())
				.addExtension(TrialCodes.SOURCE_VERIFICATION_EXTENSION, new CodeType("endpoint-values"));
		String site = records.site("sdv-site-" + run, "Verification hospital");
		TrialRecords.Subject a = records.subject("sdv-a-" + run, study, "uc-msc", DAY0.minusDays(5), site);
		subject = a.reference();
		String infusion = a.infusion(DAY0, 1);
		String creatinine0 = a.creatinine(DAY0.minusDays(2), "1.5", "mg/dL");
		String upcr0 = a.upcr(DAY0.minusDays(2), "2.0", "g/g");
		String creatinine24 = a.creatinine(DAY0.plusDays(168), "0.9", "mg/dL");
		week24Upcr = a.upcr(DAY0.plusDays(175), "0.9", "g/g");
		verifiedRecords = List.of(infusion, creatinine0, upcr0, creatinine24, week24Upcr);
		// the same kind of value in a study that needs no verification
		String none = noneStudy = records.study("sdv-none-" + run, "NCT1" + Math.abs(run.hashCode() % 10_000_000), "weeks-24",
				List.of("ln-renal-response"));
		TrialRecords.Subject b = records.subject("sdv-b-" + run, none, "control", DAY0);
		noneStudyObservation = b.upcr(DAY0, "1.0", "g/g");
		client.transaction().withBundle(records.bundle()).execute();
	}

	Parameters verify(String record, String decision, String reason, String version) {
		Parameters in = new Parameters();
		in.addParameter("decision", new CodeType(decision));
		if (reason != null) {
			in.addParameter("reason", new StringType(reason));
		}
		if (version != null) {
			in.addParameter("version", new StringType(version));
		}
		IdType id = new IdType(record);
		return client.operation().onInstance(id).named("$verify").withParameters(in).execute();
	}

	HttpResponse<String> post(String path, String body) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port()
				+ "/fhir/" + path)).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path, String accept) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port()
				+ "/fhir/" + path)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
	}

	static String body(String decision, String reason, String version) {
		Parameters in = new Parameters();
		if (decision != null) {
			in.addParameter("decision", new CodeType(decision));
		}
		if (reason != null) {
			in.addParameter("reason", new StringType(reason));
		}
		if (version != null) {
			in.addParameter("version", new StringType(version));
		}
		return FHIR.newJsonParser().encodeResourceToString(in);
	}

	Parameters queue(String query) throws Exception {
		HttpResponse<String> response = get(study + "/$verification-queue" + query, "application/fhir+json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
	}

	/** A copy of a stored Observation with another date and value, created as a new record (as a second feed would). */
	String inject(String original, LocalDate date, String value, String unit) {
		Observation copy = client.read().resource(Observation.class).withId(new IdType(original).toVersionless())
				.execute().copy();
		copy.setId((String) null);
		copy.getMeta().setVersionId(null).setLastUpdated(null);
		copy.setEffective(new DateTimeType(date.toString()));
		copy.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem(TrialCodes.UCUM).setCode(unit)
				.setUnit(unit));
		return client.create().resource(copy).execute().getId().toUnqualifiedVersionless().getValue();
	}

	Parameters evaluateSubject(boolean verifiedOnly) {
		Parameters in = new Parameters();
		in.addParameter("criteria", new CodeType("ln-renal-response"));
		in.addParameter("asOf", new DateType(AS_OF));
		in.addParameter("verifiedOnly", new BooleanType(verifiedOnly));
		return client.operation().onInstance(new IdType(subject)).named("$evaluate-response").withParameters(in)
				.execute();
	}

	static String renalResponse(Parameters evaluated) {
		ParametersParameterComponent result = evaluated.getParameter().stream()
				.filter(p -> p.getName().equals("result")).findFirst().orElseThrow();
		return text(result, "response");
	}

	static Integer unverifiedValues(Parameters out) {
		return out.getParameter().stream().filter(p -> p.getName().equals("unverifiedValues"))
				.map(p -> Integer.valueOf(p.getValue().primitiveValue())).findFirst().orElse(null);
	}

	static List<ParametersParameterComponent> named(Parameters out, String name) {
		return out.getParameter().stream().filter(p -> p.getName().equals(name)).toList();
	}

	static String text(ParametersParameterComponent p, String name) {
		Type value = p.getPart().stream().filter(x -> x.getName().equals(name))
				.map(ParametersParameterComponent::getValue).findFirst().orElse(null);
		return value == null ? null : value instanceof Coding c ? c.getCode()
				: value instanceof org.hl7.fhir.r4.model.CodeableConcept cc ? cc.getCodingFirstRep().getCode()
				: value instanceof Reference r ? r.getReference() : value.primitiveValue();
	}

	static String value(Parameters out, String name) {
		return out.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
				.map(p -> p.getValue() instanceof Reference r ? r.getReference() : p.getValue().primitiveValue())
				.orElse(null);
	}

	Provenance provenance(Parameters decided) {
		return client.read().resource(Provenance.class).withId(new IdType(value(decided, "provenance")).toVersionless())
				.execute();
	}

	Bundle auditOf(String record) {
		return client.search().forResource(AuditEvent.class)
				.where(AuditEvent.ENTITY.hasId(org.msclupus.fhir.audit.AuditTrail.auditReference(record)))
				.returnBundle(Bundle.class).execute();
	}
}
