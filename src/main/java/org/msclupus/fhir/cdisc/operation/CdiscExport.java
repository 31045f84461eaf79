package org.msclupus.fhir.cdisc.operation;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.cdisc.Adam;
import org.msclupus.fhir.cdisc.Dataset;
import org.msclupus.fhir.cdisc.ResponseRecords;
import org.msclupus.fhir.cdisc.Sdtm;
import org.msclupus.fhir.cdisc.TrialData;
import org.msclupus.fhir.evaluation.StudySchedules;
import org.msclupus.fhir.evaluation.SubjectDataReader;
import org.msclupus.fhir.evaluation.TimelineMapper;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.Measure;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.response.VisitSchedule;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.store.StoredResources;

/**
 * Reads a study for export, a chunk of subjects at a time: each subject's time line evaluated with the study's
 * criteria sets and change from baseline exactly as {@code $evaluate-response} evaluates it, and its FHIR records
 * (Patient, Observations, MSC infusions, medication statements, adverse events) mapped to {@link TrialData}; then
 * the SDTM and ADaM datasets are built from both.
 */
public class CdiscExport {

	private static final List<String> RECORD_PATHS = List.of("Observation.subject", "AdverseEvent.subject",
			"MedicationAdministration.subject", "MedicationStatement.subject");

	private final SubjectDataReader reader;
	private final StudySchedules schedules;
	private final CriteriaCatalog catalog;
	private final ChangeFromBaseline changeFromBaseline;
	private final StoredResources stored;
	private final IHapiTransactionService transactions;
	private final CdiscMapper mapper;

	public CdiscExport(SubjectDataReader reader, StudySchedules schedules, CriteriaCatalog catalog,
			StoredResources stored, IHapiTransactionService transactions, CdiscMapper mapper) {
		this.reader = reader;
		this.schedules = schedules;
		this.catalog = catalog;
		this.changeFromBaseline = (ChangeFromBaseline) catalog.select(List.of(ChangeFromBaseline.CODE)).get(0);
		this.stored = stored;
		this.transactions = transactions;
		this.mapper = mapper;
	}

	/** Every dataset of the study (of one site's subjects when {@code site} is given), as of a date. */
	public record Export(ResearchStudy study, TrialData.Study design, List<Dataset> datasets) {
	}

	public Export export(IIdType studyId, LocalDate asOf, String site, RequestDetails request) {
		List<TrialData.Study> design = new ArrayList<>(1);
		List<ResponseCriteria> rules = new ArrayList<>();
		List<Adam.AnalysisSubject> subjects = new ArrayList<>();
		ResearchStudy study = reader.forEachSubjectOfStudy(studyId, null, site, request, s -> {
			VisitSchedule schedule = schedules.of(s, request).orElse(null);
			int window = changeFromBaseline.windowDays(schedule);
			design.add(mapper.study(s, schedule, window));
			List<String> codes = new ArrayList<>(catalog.codes().stream()
					.filter(TimelineMapper.studyCriteria(s)::contains).toList());
			if (schedule != null) {
				codes.add(ChangeFromBaseline.CODE); // reports at the schedule's visits: ADCFB
			}
			rules.addAll(catalog.select(codes));
		}, chunk -> subjects.addAll(chunk(chunk, design.get(0), rules, asOf, request)));
		subjects.sort(java.util.Comparator.comparing(a -> Sdtm.usubjid(design.get(0), a.subject())));
		List<TrialData.Subject> plain = subjects.stream().map(Adam.AnalysisSubject::subject).toList();
		List<Dataset> datasets = new ArrayList<>(Sdtm.all(design.get(0), plain));
		datasets.addAll(Adam.all(design.get(0), rules, subjects));
		return new Export(study, design.get(0), datasets);
	}

	private List<Adam.AnalysisSubject> chunk(List<SubjectDataReader.IndexedSubject> chunk, TrialData.Study design,
			List<ResponseCriteria> rules, LocalDate asOf, RequestDetails request) {
		Map<String, List<IBaseResource>> records;
		Map<String, Patient> patients;
		List<String> patientIds = chunk.stream().map(s -> PatientReferences.patientOf(s.subject()))
				.filter(Objects::nonNull).distinct().toList();
		List<Object> read = transactions.withRequest(request).readOnly().execute(() -> {
			List<Long> pids = patientIds.isEmpty() ? List.of() : stored.pidsOf("Patient", patientIds);
			List<IBaseResource> found = pids.isEmpty() ? List.of() : stored.referringTo(pids, RECORD_PATHS);
			List<IBaseResource> people = pids.isEmpty() ? List.of() : stored.load(pids);
			return List.of(found, people);
		});
		@SuppressWarnings("unchecked")
		List<IBaseResource> found = (List<IBaseResource>) read.get(0);
		@SuppressWarnings("unchecked")
		List<IBaseResource> people = (List<IBaseResource>) read.get(1);
		records = StoredResources.groupBy(found, PatientReferences::patientOf);
		patients = people.stream().map(Patient.class::cast).collect(Collectors.toMap(
				p -> p.getIdElement().getIdPart(), p -> p, (a, b) -> a));
		List<Adam.AnalysisSubject> out = new ArrayList<>(chunk.size());
		for (SubjectDataReader.IndexedSubject data : chunk) {
			SubjectTimeline timeline = data.timeline(asOf);
			List<CriteriaResult> results = rules.stream().map(r -> r.evaluate(timeline)).toList();
			Map<Measure, BigDecimal> baseline = new EnumMap<>(Measure.class);
			int window = design.defaultWindow();
			for (Measure m : Measure.values()) {
				timeline.baseline(m, window).ifPresent(b -> baseline.put(m, b.value()));
			}
			String patient = PatientReferences.patientOf(data.subject());
			TrialData.Subject subject = mapper.subject(data.subject(), patients.get(patient),
					records.getOrDefault(patient, List.of()), design.studyId(), timeline.day0().orElse(null), asOf,
					ResponseRecords.of(results.stream().filter(r -> rules.stream().anyMatch(rule ->
							rule.code().equals(r.criteria()) && !rule.reportsChangeFromBaseline())).toList()));
			out.add(new Adam.AnalysisSubject(subject, results, baseline));
		}
		return out;
	}
}
