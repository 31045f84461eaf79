package org.msclupus.fhir.cdisc.operation;

import org.msclupus.fhir.design.fhir.StudyDesigns;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.msclupus.fhir.cdisc.DatasetFiles;
import org.msclupus.fhir.cdisc.ExportFormat;
import org.msclupus.fhir.cdisc.ExportPackage;
import org.msclupus.fhir.server.OperationOutcomes;
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
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.records.VerifiedRecords;
import org.msclupus.fhir.safety.SafetyThresholds;
import org.msclupus.fhir.cdisc.AdamSafety;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.store.StoredResources;

/**
 * Reads a study for export, a chunk of subjects at a time: each subject's time line evaluated with the study's
 * criteria sets and change from baseline exactly as {@code $evaluate-response} evaluates it, and its FHIR records
 * (Patient, Observations, MSC infusions, medication statements, adverse events) mapped to {@link TrialData}; then
 * the SDTM and ADaM datasets are built from both.
 */
public class CdiscExport {

	/** The file in every zip that lists what a format could not carry as stored. */
	public static final String WARNINGS_FILE = "operation-outcome.json";
	private static final List<String> RECORD_PATHS = List.of("Observation.subject", "AdverseEvent.subject",
			"MedicationAdministration.subject", "MedicationStatement.subject");

	private final SubjectDataReader reader;
	private final StudyDesigns designs;
	private final CriteriaCatalog catalog;
	private final int baselineWindowDays;
	private final StoredResources stored;
	private final IHapiTransactionService transactions;
	private final CdiscMapper mapper;
	private final VerifiedRecords verified;
	private final int safetyBaselineWindowDays;
	private final FhirContext fhirContext;
	private final Clock clock;
	private final String version;

	public CdiscExport(SubjectDataReader reader, StudyDesigns designs, CriteriaCatalog catalog,
			StoredResources stored, IHapiTransactionService transactions, CdiscMapper mapper, VerifiedRecords verified,
			SafetyThresholds safety, FhirContext fhirContext, Clock clock, String version) {
		this.verified = verified;
		this.safetyBaselineWindowDays = safety.baselineWindowDays();
		this.fhirContext = fhirContext;
		this.clock = clock;
		this.version = version;
		this.reader = reader;
		this.designs = designs;
		this.catalog = catalog;
		ChangeFromBaseline changeFromBaseline = (ChangeFromBaseline) catalog.select(List.of(ChangeFromBaseline.CODE))
				.get(0);
		this.baselineWindowDays = changeFromBaseline.baselineWindowDays();
		this.stored = stored;
		this.transactions = transactions;
		this.mapper = mapper;
	}

	/**
	 * Every dataset of the study (of one site's subjects when {@code site} is given), as of a date.
	 *
	 * @param unverifiedValues for a study whose values wait for verification, how many exported records were
	 *                         exported in a version nobody verified; null for a study that needs none
	 */
	public record Export(ResearchStudy study, TrialData.Study design, List<Dataset> datasets,
			Integer unverifiedValues) {
	}

	/**
	 * What to export: {@code datasets} by name (empty: all), {@code site} the only site whose subjects are read
	 * (null: all the caller may see).
	 */
	public record Request(IIdType studyId, ExportFormat format, Set<String> datasets, LocalDate asOf, String site,
			boolean verifiedOnly) {
	}

	/** The zip, in a temporary file the caller deletes, with its file name and how many warnings it holds. */
	public record Archive(ResearchStudy study, Path zip, String fileName, int warnings) {
	}

	/** Writes the zip of a request: the selected datasets, define.xml and operation-outcome.json with the warnings. */
	public Archive archive(Request request, RequestDetails requestDetails) throws IOException {
		Export result = export(request.studyId(), request.asOf(), request.site(), request.verifiedOnly(),
				requestDetails);
		Set<String> wanted = request.datasets();
		List<Dataset> selected = result.datasets().stream()
				.filter(d -> wanted.isEmpty() || wanted.contains(d.name())).toList();
		ExportPackage.Prepared prepared = ExportPackage.prepare(selected, request.format());
		if (!wanted.isEmpty()) {
			// a SUPP-- dataset made to carry the parts of long values goes with its parent
			prepared = new ExportPackage.Prepared(prepared.datasets().stream().filter(d -> wanted.contains(d.name())
					|| (d.name().startsWith("SUPP") && wanted.contains(d.name().substring(4)))).toList(),
					request.format(), prepared.warnings());
		}
		String studyId = result.design().studyId();
		DatasetFiles.Context context = new DatasetFiles.Context(LocalDateTime.now(clock).withNano(0),
				"STUDY." + studyId, "MDV." + studyId + "." + request.asOf(), "msc-lupus-fhir", "msc-lupus-fhir",
				version);
		OperationOutcome outcome = warnings(prepared.warnings());
		if (result.unverifiedValues() != null) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
					.setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(unverifiedNote(
							result.unverifiedValues(), request.verifiedOnly()));
		}
		Map<String, byte[]> extra = Map.of(WARNINGS_FILE, OperationOutcomes.toJson(fhirContext, outcome)
				.getBytes(StandardCharsets.UTF_8));
		Path zip = Files.createTempFile("cdisc-export-", ".zip");
		try (OutputStream out = Files.newOutputStream(zip)) {
			ExportPackage.write(out, prepared, context, studyId, result.design().title(), extra);
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(zip);
			throw e;
		}
		return new Archive(result.study(), zip, studyId + "-" + request.format().code() + "-" + request.asOf()
				+ ".zip", prepared.warnings().size());
	}

	/** What the export counted of a study that needs verification, so nobody takes a monitoring view for the lock. */
	static String unverifiedNote(int unverified, boolean verifiedOnly) {
		return verifiedOnly ? "Only verified values were exported (verifiedOnly=true): records never verified are "
				+ "left out and records changed since verification are exported in their verified version."
				: "unverifiedValues=" + unverified + ": " + unverified + " exported record(s) were not verified by a "
						+ "monitor; export with verifiedOnly=true for the verified data only.";
	}

	static OperationOutcome warnings(List<String> warnings) {
		OperationOutcome outcome = new OperationOutcome();
		for (String warning : warnings) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
					.setCode(OperationOutcome.IssueType.VALUE).setDiagnostics(warning);
		}
		if (warnings.isEmpty()) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
					.setCode(OperationOutcome.IssueType.INFORMATIONAL)
					.setDiagnostics("Every value was written as stored.");
		}
		return outcome;
	}

	/** The study as the datasets describe it, and the criteria sets whose results ADaM carries. */
	private record Studied(TrialData.Study design, List<ResponseCriteria> rules) {
	}

	public Export export(IIdType studyId, LocalDate asOf, String site, boolean verifiedOnly, RequestDetails request) {
		int[] unverified = {0};
		List<Adam.AnalysisSubject> subjects = new ArrayList<>();
		SubjectDataReader.StudyRead<Studied> read = reader.forEachSubjectOfStudy(studyId, null, site, verifiedOnly,
				request, s -> {
			StudyDesign studyDesign = designs.of(s, request);
			VisitSchedule schedule = studyDesign.schedule();
			java.util.Set<String> codes = new java.util.LinkedHashSet<>(catalog.codes().stream()
					.filter(StudyDesigns.criteria(s)::contains).toList());
			codes.add(ChangeFromBaseline.CODE); // ADCFB, whether or not the study reports it
			// without a schedule there are no visits to report changes at: no ADCFB rather than no export
			return new Studied(mapper.study(s, schedule, studyDesign.defaultWindow()),
					catalog.select(List.copyOf(codes)).stream()
							.filter(r -> schedule != null || !r.reportsChangeFromBaseline()).toList());
		}, (studied, chunk) -> subjects.addAll(chunk(chunk, studied.design(), studied.rules(), asOf, verifiedOnly,
				unverified, request)));
		ResearchStudy study = read.study();
		TrialData.Study design = read.prepared().design();
		List<ResponseCriteria> rules = read.prepared().rules();
		subjects.sort(java.util.Comparator.comparing(a -> Sdtm.usubjid(design, a.subject())));
		List<TrialData.Subject> plain = subjects.stream().map(Adam.AnalysisSubject::subject).toList();
		List<Dataset> datasets = new ArrayList<>(Sdtm.all(design, plain));
		datasets.addAll(Adam.all(design, rules, subjects));
		datasets.addAll(AdamSafety.all(design, subjects, safetyBaselineWindowDays, asOf));
		return new Export(study, design, datasets,
				StudyDesigns.sourceVerification(study).needed() ? unverified[0] : null);
	}

	private List<Adam.AnalysisSubject> chunk(List<SubjectDataReader.IndexedSubject> chunk, TrialData.Study design,
			List<ResponseCriteria> rules, LocalDate asOf, boolean verifiedOnly, int[] unverified,
			RequestDetails request) {
		Map<String, List<IBaseResource>> records;
		Map<String, Patient> patients;
		List<String> patientIds = chunk.stream().map(s -> PatientReferences.patientOf(s.subject()))
				.filter(Objects::nonNull).distinct().toList();
		List<Object> read = transactions.withRequest(request).readOnly().execute(() -> {
			List<Long> pids = patientIds.isEmpty() ? List.of() : stored.pidsOf("Patient", patientIds);
			List<IBaseResource> found = pids.isEmpty() ? List.of() : stored.referringTo(pids, RECORD_PATHS);
			List<IBaseResource> people = pids.isEmpty() ? List.of() : stored.load(pids);
			Map<String, List<IBaseResource>> byPatient = StoredResources.groupBy(found, PatientReferences::patientOf);
			// the SDTM records in the versions counted, for a study that needs verification
			Map<String, VerifiedRecords.Counted> counted = chunk.isEmpty() ? null
					: verified.countedByPatient(chunk.get(0).study(), byPatient, verifiedOnly);
			if (counted != null) {
				counted.forEach((patient, c) -> {
					byPatient.put(patient, c.records());
					unverified[0] += c.unverified();
				});
			}
			return List.of(byPatient, people);
		});
		@SuppressWarnings("unchecked")
		Map<String, List<IBaseResource>> byPatient = (Map<String, List<IBaseResource>>) read.get(0);
		@SuppressWarnings("unchecked")
		List<IBaseResource> people = (List<IBaseResource>) read.get(1);
		records = byPatient;
		patients = people.stream().map(Patient.class::cast).collect(Collectors.toMap(
				p -> p.getIdElement().getIdPart(), p -> p, (a, b) -> a));
		List<Adam.AnalysisSubject> out = new ArrayList<>(chunk.size());
		for (SubjectDataReader.IndexedSubject data : chunk) {
			SubjectTimeline timeline = data.timeline(asOf);
			List<CriteriaResult> results = rules.stream().map(r -> r.evaluate(timeline)).toList();
			Map<Measure, BigDecimal> baseline = new EnumMap<>(Measure.class);
			// the baseline window of the response rules, so ADaM's baseline is $evaluate-response's
			int window = baselineWindowDays;
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
