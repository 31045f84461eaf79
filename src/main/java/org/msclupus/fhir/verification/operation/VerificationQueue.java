package org.msclupus.fhir.verification.operation;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitAttribution;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.records.RecordUse;
import org.msclupus.fhir.records.ResponseEvidenceIndex;
import org.msclupus.fhir.records.SourceVerifications;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.verification.Impact;
import org.msclupus.fhir.verification.ReviewPriority;
import org.msclupus.fhir.verification.VerificationState;

/**
 * {@code $verification-queue}: every value of a study awaiting a decision, with what verifying it would change. The
 * impact of a value is found by evaluating the subject's time line without it, one subject at a time in memory; it is
 * kept per subject until the subject's data change (the key holds every record's version), so a monitor working
 * through the queue pays for it once.
 */
public class VerificationQueue {

	private static final List<String> RECORD_PATHS = List.of("Observation.subject", "AdverseEvent.subject",
			"MedicationAdministration.subject", "MedicationStatement.subject");
	private static final int CACHED_SUBJECTS = 20_000;

	/** What a caller asked for; {@code site} already confined to the caller's own. */
	public record Query(IIdType studyId, Set<VerificationState> states, String site, String subject, Integer count) {
	}

	/** One subject's impacts and the records its primary criteria set used, for one version of its data. */
	private record SubjectImpacts(Map<String, List<Impact>> byRecord, Set<String> primaryEvidence) {
	}

	private record Item(ReviewPriority rank, String subject, String resource, Coding measure, String value,
			LocalDate date, String visit, VerificationState state, String queryText, List<Impact> impacts) {
	}

	private final SubjectDataReader reader;
	private final StudyDesigns designs;
	private final CriteriaCatalog catalog;
	private final StoredResources stored;
	private final SourceVerifications verifications;
	private final RecordUse use;
	private final IHapiTransactionService transactions;
	private final Clock clock;
	private final Map<String, SubjectImpacts> cache = Collections.synchronizedMap(
			new LinkedHashMap<>(1024, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<String, SubjectImpacts> eldest) {
					return size() > CACHED_SUBJECTS;
				}
			});

	public VerificationQueue(SubjectDataReader reader, StudyDesigns designs, CriteriaCatalog catalog,
			StoredResources stored, SourceVerifications verifications, RecordUse use,
			IHapiTransactionService transactions, Clock clock) {
		this.reader = reader;
		this.designs = designs;
		this.catalog = catalog;
		this.stored = stored;
		this.verifications = verifications;
		this.use = use;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Output queue(Query query, RequestDetails request) {
		LocalDate asOf = LocalDate.now(clock);
		List<StudyDesign> design = new ArrayList<>(1);
		List<ResponseCriteria> rules = new ArrayList<>();
		List<Item> items = new ArrayList<>();
		Map<String, Map<VerificationState, Integer>> bySite = new TreeMap<>();
		ResearchStudy study = reader.forEachSubjectOfStudy(query.studyId(), null, query.site(), false, request, s -> {
			design.add(designs.of(s, request));
			rules.addAll(catalog.select(StudyDesign.criteriaOr(StudyDesigns.criteria(s), catalog.codes())));
		}, chunk -> {
			List<SubjectDataReader.IndexedSubject> wanted = chunk.stream().filter(d -> query.subject() == null
					|| d.subject().getIdElement().getIdPart().equals(query.subject())).toList();
			if (wanted.isEmpty() || !StudyDesigns.sourceVerification(wanted.get(0).study()).needed()) {
				return;
			}
			List<String> patients = wanted.stream().map(d -> PatientReferences.patientOf(d.subject()))
					.filter(Objects::nonNull).distinct().toList();
			List<Object> read = transactions.withRequest(request).readOnly().execute(() -> List.of(
					StoredResources.groupBy(patients.isEmpty() ? List.of()
							: stored.referringTo(stored.pidsOf("Patient", patients), RECORD_PATHS),
							PatientReferences::patientOf),
					verifications.ofPatients(patients)));
			@SuppressWarnings("unchecked")
			Map<String, List<IBaseResource>> records = (Map<String, List<IBaseResource>>) read.get(0);
			@SuppressWarnings("unchecked")
			Map<String, SourceVerifications.Verification> decided =
					(Map<String, SourceVerifications.Verification>) read.get(1);
			for (SubjectDataReader.IndexedSubject data : wanted) {
				queueSubject(data, records.getOrDefault(PatientReferences.patientOf(data.subject()), List.of()),
						decided, design.get(0), rules, asOf, query.states(), items, bySite);
			}
		});
		items.sort((a, b) -> a.rank().compareTo(b.rank()));
		return output(study, items, query.count(), bySite);
	}

	private void queueSubject(SubjectDataReader.IndexedSubject data, List<IBaseResource> records,
			Map<String, SourceVerifications.Verification> decided, StudyDesign design, List<ResponseCriteria> rules,
			LocalDate asOf, Set<VerificationState> states, List<Item> items,
			Map<String, Map<VerificationState, Integer>> bySite) {
		String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
		String site = Optional.ofNullable(SiteRoster.siteOf(data.subject())).orElse("none");
		SubjectImpacts impacts = null;
		Optional<LocalDate> day0 = Optional.empty();
		Optional<VisitAttribution> visits = design.attribution();
		for (IBaseResource record : records) {
			if (!use.needsVerification(record, data.study())) {
				continue;
			}
			String key = record.fhirType() + "/" + record.getIdElement().getIdPart();
			long version = Long.parseLong(record.getIdElement().getVersionIdPart());
			SourceVerifications.Verification verification = decided.get(key);
			VerificationState state = verification == null ? VerificationState.UNVERIFIED
					: verification.record().state(version);
			bySite.computeIfAbsent(site, s -> new EnumMap<>(VerificationState.class)).merge(state, 1, Integer::sum);
			if (!states.contains(state)) {
				continue;
			}
			if (impacts == null) {
				impacts = impactsOf(data, rules, asOf);
				day0 = data.timeline(asOf).day0();
			}
			List<Impact> impact = impacts.byRecord().getOrDefault(key, List.of());
			String versioned = TimelineMapper.evidence(record);
			Optional<LocalDate> date = QueuedRecords.date(record);
			Optional<LocalDate> subjectDay0 = day0;
			String visit = date.flatMap(d -> visitOf(visits, subjectDay0, d)).orElse(null);
			items.add(new Item(new ReviewPriority(!impact.isEmpty(), impacts.primaryEvidence().contains(versioned),
					date.orElse(null), key), subject, versioned, QueuedRecords.measure(record),
					QueuedRecords.value(record), date.orElse(null), visit, state,
					verification == null ? null : verification.record().queryText(), impact));
		}
	}

	private static Optional<String> visitOf(Optional<VisitAttribution> visits, Optional<LocalDate> day0,
			LocalDate date) {
		if (visits.isEmpty() || day0.isEmpty()) {
			return Optional.empty();
		}
		return visits.get().visitOf(ChronoUnit.DAYS.between(day0.get(), date)).map(Visit::label);
	}

	/**
	 * For each of the subject's time-line records, the criteria sets whose result differs without it; computed
	 * once per version of the subject's data.
	 */
	private SubjectImpacts impactsOf(SubjectDataReader.IndexedSubject data, List<ResponseCriteria> rules,
			LocalDate asOf) {
		String key = data.subject().getIdElement().toUnqualified().getValue() + "|"
				+ data.study().getIdElement().toUnqualified().getValue() + "|" + asOf + "|"
				+ rules.stream().map(ResponseCriteria::code).collect(Collectors.joining(",")) + "|"
				+ data.rows().stream().map(r -> r.key() + "@" + r.version()).sorted()
						.collect(Collectors.joining(","));
		SubjectImpacts cached = cache.get(key);
		if (cached != null) {
			return cached;
		}
		SubjectTimeline all = data.timeline(asOf);
		List<CriteriaResult> counted = rules.stream().map(r -> r.evaluate(all)).toList();
		Map<String, List<Impact>> byRecord = new LinkedHashMap<>();
		for (ResponseEvidenceIndex.Row row : data.rows()) {
			SubjectTimeline without = data.timelineWithout(row.key(), asOf);
			List<Impact> impacts = new ArrayList<>();
			for (int i = 0; i < rules.size(); i++) {
				CriteriaResult withValue = counted.get(i);
				CriteriaResult withoutValue = rules.get(i).evaluate(without);
				Impact impact = Impact.between(rules.get(i).code(), code(withValue), code(withoutValue));
				if (impact != null) {
					impacts.add(impact);
				}
			}
			if (!impacts.isEmpty()) {
				byRecord.put(row.key(), List.copyOf(impacts));
			}
		}
		SubjectImpacts computed = new SubjectImpacts(byRecord,
				counted.isEmpty() ? Set.of() : Set.copyOf(counted.get(0).evidence()));
		cache.put(key, computed);
		return computed;
	}

	private static String code(CriteriaResult result) {
		return result.response() == null ? null : result.response().name();
	}

	private static Output output(ResearchStudy study, List<Item> items, Integer count,
			Map<String, Map<VerificationState, Integer>> bySite) {
		Output out = new Output();
		out.add("sourceVerification").value(Output.code(StudyDesigns.sourceVerification(study).code()));
		out.add("total").value(items.size());
		for (Item item : items.subList(0, count == null ? items.size() : Math.min(count, items.size()))) {
			Output.Row row = out.add("item").part("subject", Output.ref(item.subject()))
					.part("resource", Output.ref(item.resource())).part("measure", item.measure())
					.part("value", item.value()).part("date", item.date()).part("visit", item.visit())
					.part("state", Output.code(item.state().code())).part("queryText", item.queryText());
			for (Impact impact : item.impacts()) {
				row.group("impact").part("criteria", Output.code(impact.criteria()))
						.part("withValue", Output.code(impact.withValue()))
						.part("withoutValue", Output.code(impact.withoutValue()));
			}
		}
		bySite.forEach((site, states) -> states.forEach((state, n) -> out.add("stateCount")
				.part("site", site).part("state", Output.code(state.code())).part("count", n)));
		return out;
	}
}
