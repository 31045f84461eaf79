package org.msclupus.fhir.visits.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.design.fhir.StudySchedules;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.operation.UnverifiedValues;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.store.StudySubjects;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.visits.VisitCompliance;

/**
 * {@code ResearchStudy/[id]/$visit-compliance}: every planned visit of every subject against the study's schedule
 * ({@link VisitCompliance}), with summaries per visit and arm and per site; Parameters or CSV.
 */
@Component
public class VisitComplianceProvider implements TrialOperationProvider {

	private final SubjectDataReader reader;
	private final StudyDesigns designs;
	private final Clock clock;
	private final StudySubjects studySubjects;

	public VisitComplianceProvider(SubjectDataReader reader, StudyDesigns designs, Clock clock,
			StudySubjects studySubjects) {
		this.reader = reader;
		this.studySubjects = studySubjects;
		this.designs = designs;
		this.clock = clock;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = "$visit-compliance", type = ResearchStudy.class, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/visit-compliance")
	@Description(shortDefinition = "Each subject's planned visits: done, out of window, missed or not yet due",
			value = "Every planned visit of the study's schedule for every subject, with summaries per visit and arm "
					+ "and per site; CSV with Accept: text/csv.")
	public void visitCompliance(
			@IdParam IdType studyId,
			@Description(shortDefinition = "Use only data dated on or before this date; default today")
			@OperationParam(name = "asOf", typeName = "date", min = 0, max = 1) DateType asOf,
			@Description(shortDefinition = "Only the subjects assigned to this arm")
			@OperationParam(name = "arm", typeName = "string", min = 0, max = 1) StringType arm,
			@Description(shortDefinition = "Only the subjects enrolled by this site (Organization/<id>)")
			@OperationParam(name = "site", typeName = "string", min = 0, max = 1) StringType site,
			@Description(shortDefinition = "Count only values a monitor verified (a study that needs verification)")
			@OperationParam(name = "verifiedOnly", typeName = "boolean", min = 0, max = 1) BooleanType verifiedOnly,
			RequestDetails request) throws IOException {
		LocalDate cutOff = OperationParameters.lastDayOrToday(asOf, clock);
		String sites = Callers.confinedSite(OperationParameters.textOrNull(site), "the visits", request);
		studySubjects.requireSite(OperationParameters.textOrNull(site) == null ? null : sites);
		List<VisitCompliance.Attributed> subjects = new ArrayList<>();
		List<String> withoutDay0 = new ArrayList<>();
		Map<String, Integer> unverified = new LinkedHashMap<>();
		SubjectDataReader.StudyRead<StudyDesign> read = reader.forEachSubjectOfStudy(studyId.toUnqualifiedVersionless(),
				OperationParameters.textOrNull(arm), sites, OperationParameters.isTrue(verifiedOnly), request, study -> {
					StudyDesign studyDesign = designs.of(study, request);
					studyDesign.visitSchedule()
							.orElseThrow(() -> new InvalidRequestException(StudySchedules.missing(study)));
					return studyDesign;
				},
				(design, chunk) -> {
					for (SubjectDataReader.IndexedSubject data : chunk) {
						String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
						SubjectTimeline timeline = data.timeline(cutOff);
						if (data.unverifiedValues() != null) {
							unverified.put(subject, data.unverifiedValues());
						}
						if (timeline.day0().isEmpty()) {
							withoutDay0.add(subject);
							continue;
						}
						List<VisitCompliance.Value> values = new ArrayList<>();
						for (Measure measure : Measure.values()) {
							timeline.values(measure).forEach(m -> values.add(new VisitCompliance.Value(measure.code(),
									m.date())));
						}
						// The latest day a participation that ended could have ended (2025-03 is up to 03-31), so
						// that no visit missed before it is taken for one not expected.
						LocalDate ended = data.subject().getPeriod().hasEnd()
								? OperationParameters.lastDayOf(data.subject().getPeriod().getEndElement()) : null;
						subjects.add(new VisitCompliance.Attributed(subject, data.subject().getAssignedArm(),
								SiteRoster.siteOf(data.subject()), VisitCompliance.evaluate(design.schedule(),
										design.defaultWindow(), timeline.day0().get(), cutOff, ended, values)));
					}
				});
		VisitSchedule plan = read.prepared().schedule();
		List<VisitCompliance.VisitSummary> visits = VisitCompliance.byVisitAndArm(plan, subjects);
		List<VisitCompliance.SiteSummary> bySite = VisitCompliance.bySite(subjects);
		Map<String, Integer> unverifiedBySubject = StudyDesigns.sourceVerification(read.study()).needed() ? unverified : null;
		OperationResponses.respond(request, VisitComplianceOutput.of(plan, cutOff, subjects, withoutDay0, visits, bySite,
				unverifiedBySubject), UnverifiedValues.columns(VisitComplianceOutput.CSV_HEADER, unverifiedBySubject),
				VisitComplianceOutput.CSV_SECTIONS);
	}
}
