package org.msclupus.fhir.visits.operation;

import static org.msclupus.fhir.response.operation.ResultParameters.part;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.design.fhir.StudySchedules;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.operation.CsvTable;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.visits.VisitCompliance;
import org.msclupus.fhir.visits.VisitCompliance.Status;

/**
 * {@code ResearchStudy/[id]/$visit-compliance}: every planned visit of every subject against the study's schedule
 * ({@link VisitCompliance}), with summaries per visit and arm and per site; Parameters or CSV.
 */
public class VisitComplianceProvider {

	private final SubjectDataReader reader;
	private final StudyDesigns designs;
	private final Clock clock;

	public VisitComplianceProvider(SubjectDataReader reader, StudyDesigns designs,
			Clock clock) {
		this.reader = reader;
		this.designs = designs;
		this.clock = clock;
	}

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
			RequestDetails request) throws IOException {
		LocalDate cutOff = OperationParameters.lastDayOrToday(asOf, clock);
		String sites = confinedSite(OperationParameters.textOrNull(site), request);
		List<StudyDesign> design = new ArrayList<>(1);
		List<VisitCompliance.Attributed> subjects = new ArrayList<>();
		List<String> withoutDay0 = new ArrayList<>();
		reader.forEachSubjectOfStudy(studyId.toUnqualifiedVersionless(), OperationParameters.textOrNull(arm), sites,
				request, study -> {
					StudyDesign read = designs.of(study, request);
					read.visitSchedule().orElseThrow(() -> new InvalidRequestException(StudySchedules.missing(study)));
					design.add(read);
				},
				chunk -> {
					for (SubjectDataReader.IndexedSubject data : chunk) {
						String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
						SubjectTimeline timeline = data.timeline(cutOff);
						if (timeline.day0().isEmpty()) {
							withoutDay0.add(subject);
							continue;
						}
						List<VisitCompliance.Value> values = new ArrayList<>();
						for (Measure measure : Measure.values()) {
							timeline.values(measure).forEach(m -> values.add(new VisitCompliance.Value(measure.code(),
									m.date())));
						}
						subjects.add(new VisitCompliance.Attributed(subject, data.subject().getAssignedArm(),
								SiteRoster.siteOf(data.subject()), VisitCompliance.evaluate(design.get(0).schedule(),
										design.get(0).defaultWindow(), timeline.day0().get(), cutOff, values)));
					}
				});
		VisitSchedule plan = design.get(0).schedule();
		List<VisitCompliance.VisitSummary> visits = VisitCompliance.byVisitAndArm(plan, subjects);
		List<VisitCompliance.SiteSummary> bySite = VisitCompliance.bySite(subjects);
		OperationResponses.respond(request, OperationResponses.wantsCsv(request)
				? OperationResponses.csv(toCsv(subjects, visits, bySite))
				: toParameters(plan, cutOff, subjects, withoutDay0, visits, bySite));
	}

	/** The site a caller may see: its own when its token is confined to one (naming another is refused). */
	static String confinedSite(String asked, RequestDetails request) {
		String wanted = asked == null ? null : asked.contains("/") ? asked : "Organization/" + asked;
		String own = Callers.sponsorWideToStore(request, false);
		if (own != null && wanted != null && !own.equals(wanted)) {
			throw new ForbiddenOperationException("A token restricted to " + own + " cannot see the visits of "
					+ wanted);
		}
		return own != null ? own : wanted;
	}

	static Parameters toParameters(VisitSchedule schedule, LocalDate asOf, List<VisitCompliance.Attributed> subjects,
			List<String> withoutDay0, List<VisitCompliance.VisitSummary> visits,
			List<VisitCompliance.SiteSummary> sites) {
		Parameters out = new Parameters();
		out.addParameter().setName("schedule").setValue(new StringType(schedule.code()));
		out.addParameter().setName("asOf").setValue(new DateType(asOf.toString()));
		for (VisitCompliance.Attributed s : subjects) {
			for (VisitCompliance.SubjectVisit v : s.visits()) {
				ParametersParameterComponent p = out.addParameter().setName("subjectVisit");
				part(p, "subject", new Reference(s.subject()));
				part(p, "arm", s.arm() == null ? null : new StringType(s.arm()));
				part(p, "site", s.site() == null ? null : new Reference(s.site()));
				part(p, "visit", new StringType(v.visit().label()));
				part(p, "epoch", v.visit().epoch() == null ? null : new CodeType(v.visit().epoch()));
				part(p, "targetDate", new DateType(v.targetDate().toString()));
				part(p, "status", new CodeType(v.status().code()));
				part(p, "daysOff", v.daysOff() == null ? null : new IntegerType(v.daysOff()));
				part(p, "date", v.date() == null ? null : new DateType(v.date().toString()));
				v.missingMeasures().forEach(m -> part(p, "missingMeasure", new CodeType(m)));
			}
		}
		withoutDay0.forEach(s -> out.addParameter().setName("withoutDay0").setValue(new Reference(s)));
		for (VisitCompliance.VisitSummary v : visits) {
			ParametersParameterComponent p = out.addParameter().setName("visitSummary");
			part(p, "visit", new StringType(v.visit()));
			part(p, "arm", new StringType(v.arm()));
			v.counts().forEach((status, count) -> part(p, status.code(), new IntegerType(count)));
		}
		for (VisitCompliance.SiteSummary s : sites) {
			ParametersParameterComponent p = out.addParameter().setName("siteSummary");
			part(p, "site", new StringType(s.site()));
			part(p, "due", new IntegerType(s.due()));
			part(p, "doneInWindow", new IntegerType(s.doneInWindow()));
			part(p, "share", s.share() == null ? null
					: new DecimalType(BigDecimal.valueOf(s.share()).setScale(4, RoundingMode.HALF_UP)));
		}
		return out;
	}

	static final List<String> CSV_HEADER = List.of("section", "subject", "arm", "site", "visit", "epoch",
			"targetDate", "status", "daysOff", "date", "missingMeasure", "done", "out-of-window", "missed",
			"not-yet-due", "due", "doneInWindow", "share");

	/** One long table: subjectVisit rows, then visitSummary and siteSummary rows (missing measures space-separated). */
	static String toCsv(List<VisitCompliance.Attributed> subjects, List<VisitCompliance.VisitSummary> visits,
			List<VisitCompliance.SiteSummary> sites) {
		CsvTable csv = new CsvTable(CSV_HEADER);
		for (VisitCompliance.Attributed s : subjects) {
			for (VisitCompliance.SubjectVisit v : s.visits()) {
				csv.row("subjectVisit", s.subject(), s.arm(), s.site(), v.visit().label(), v.visit().epoch(),
						v.targetDate(), v.status().code(), v.daysOff(), v.date(),
						v.missingMeasures().isEmpty() ? null : String.join(" ", v.missingMeasures()),
						null, null, null, null, null, null, null);
			}
		}
		for (VisitCompliance.VisitSummary v : visits) {
			csv.row("visitSummary", null, v.arm(), null, v.visit(), null, null, null, null, null, null,
					v.counts().get(Status.DONE), v.counts().get(Status.OUT_OF_WINDOW), v.counts().get(Status.MISSED),
					v.counts().get(Status.NOT_YET_DUE), null, null, null);
		}
		for (VisitCompliance.SiteSummary s : sites) {
			csv.row("siteSummary", null, null, s.site(), null, null, null, null, null, null, null, null, null, null,
					null, s.due(), s.doneInWindow(), s.share() == null ? null
							: BigDecimal.valueOf(s.share()).setScale(4, RoundingMode.HALF_UP));
		}
		return csv.toString();
	}
}
