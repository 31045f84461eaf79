package org.msclupus.fhir.safety.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import org.msclupus.fhir.records.SafetyDataReader;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.VisitAttribution;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.safety.SusarCandidates;
import org.msclupus.fhir.safety.SafetyReport;
import org.msclupus.fhir.safety.SafetySummary;
import java.util.Map;
import org.msclupus.fhir.safety.SafetyThresholds;
import org.msclupus.fhir.safety.VitalSign;
import org.msclupus.fhir.safety.VitalSignCriteria;
import org.msclupus.fhir.security.Callers;

/**
 * {@code ResearchStudy/[id]/$safety-summary}: translates between FHIR and {@link SafetySummary}. Answers Parameters,
 * or CSV with {@code Accept: text/csv} or {@code _format=csv}; with {@code persist=true} it also stores the
 * Parameters as a DocumentReference whose id derives from its content, so asking again stores nothing new.
 */
@Component
public class SafetySummaryProvider implements TrialOperationProvider {

	public static final String OPERATION = "$safety-summary";

	private final SafetyDataReader reader;
	private final SafetyThresholds thresholds;
	private final Map<VitalSign, VitalSignCriteria> vitalCriteria;
	private final java.util.Set<SafetyData.Relatedness> susarRelated;
	private final SafetySummaryRecorder recorder;
	private final Clock clock;
	private final StudyDesigns designs;

	public SafetySummaryProvider(SafetyDataReader reader, SafetyProperties properties, SafetySummaryRecorder recorder,
			Clock clock, StudyDesigns designs) {
		this.designs = designs;
		this.reader = reader;
		this.thresholds = properties.thresholds();
		this.vitalCriteria = properties.vitalSignCriteria();
		this.susarRelated = properties.susarRelated();
		this.recorder = recorder;
		this.clock = clock;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = OPERATION, type = ResearchStudy.class, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/safety-summary")
	@Description(shortDefinition = "Summarise the safety data of a study's subjects, per arm",
			value = "Adverse events by seriousness, CTCAE grade and relatedness to the MSC infusion, deaths, infusion "
					+ "reactions, laboratory values outside their reference range per visit, event rates with Wilson "
					+ "95 % intervals and the MSC-versus-control odds ratio; CSV with Accept: text/csv.")
	public void safetySummary(
			@IdParam IdType studyId,
			@Description(shortDefinition = "Use only data dated on or before this date; default today")
			@OperationParam(name = "asOf", typeName = "date", min = 0, max = 1) DateType asOf,
			@Description(shortDefinition = "Only the subjects assigned to this arm")
			@OperationParam(name = "arm", typeName = "string", min = 0, max = 1) StringType arm,
			@Description(shortDefinition = "Also store the summary as a DocumentReference")
			@OperationParam(name = "persist", typeName = "boolean", min = 0, max = 1) BooleanType persist,
			@Description(shortDefinition = "Count only values a monitor verified (a study that needs verification)")
			@OperationParam(name = "verifiedOnly", typeName = "boolean", min = 0, max = 1) BooleanType verifiedOnly,
			RequestDetails request) throws IOException {
		LocalDate cutOff = OperationParameters.lastDayOrToday(asOf, clock);
		String armName = OperationParameters.textOrNull(arm);
		boolean store = OperationParameters.isTrue(persist);
		// A site-restricted caller summarises its own site's subjects and stores nothing.
		String site = Callers.sponsorWideToStore(request, store);
		SafetyDataReader.StudySafetyData data = reader.read(studyId, armName, site, cutOff,
				OperationParameters.isTrue(verifiedOnly), request);
		SafetyReport report = SafetySummary.summarize(data.subjects(), thresholds, vitalCriteria,
				visits(data.study(), request), cutOff, armName == null ? mscArm(data.study(), data.subjects()) : null)
				.withSusarCandidates(SusarCandidates.of(data.subjects(),
						StudyDesigns.referenceSafetyInformation(data.study()), susarRelated, cutOff));
		String study = data.study().getIdElement().toUnqualifiedVersionless().getValue();
		if (OperationResponses.wantsCsv(request)) {
			OperationResponses.respond(request, OperationResponses.csv(SafetyParameters.toCsv(report,
					data.unverifiedValues())));
			return;
		}
		Output out = SafetyParameters.toOutput(report, study, cutOff, data.unverifiedValues());
		if (store) {
			out.add("documentReference").value(Output.ref(recorder.store(out.toParameters(), data.study(), armName,
					cutOff, request)));
		}
		OperationResponses.respond(request, out);
	}

	/**
	 * The visits laboratory values and vital signs are counted at: those of the schedule the study's protocol gives,
	 * with the windows every operation gives them, else the long-term follow-up (months 1, 3, 6, 12, years 2, 4, 6),
	 * which the shipped schedules do not cover.
	 */
	private VisitAttribution visits(ResearchStudy study, RequestDetails request) {
		StudyDesign design = designs.of(study, request);
		return design.fromProtocol() ? design.attribution().orElseThrow()
				: new VisitAttribution(SafetySummary.followUp(thresholds), 0);
	}

	/** The arm given MSC ({@link org.msclupus.fhir.design.StudyArms#mscArm}); null when nothing decides. */
	static String mscArm(ResearchStudy study, List<SafetyData.Subject> subjects) {
		return StudyDesigns.arms(study).mscArm(subjects.stream().filter(s -> !s.infusions().isEmpty())
				.map(SafetyData.Subject::arm).toList()).orElse(null);
	}
}
