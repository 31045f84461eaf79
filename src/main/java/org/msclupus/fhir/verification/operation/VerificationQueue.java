package org.msclupus.fhir.verification.operation;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
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
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.store.Chunks;
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
	private static final int CACHED_SUBJECTS = 5_000;
	/** About 200 bytes each: a site's 100 subjects with 124 records each is 2.5 MB. */
	private static final int CACHED_RECORDS = 50_000;

	/** A map that forgets its least recently used entries beyond {@code size}. */
	private static <V> Map<String, V> lru(int size) {
		return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
				return size() > size;
			}
		});
	}

	/** What a caller asked for; {@code site} already confined to the caller's own. */
	public record Query(IIdType studyId, Set<VerificationState> states, String site, String subject, Integer count) {
	}

	/**
	 * One subject's impacts, the records its primary criteria set used (unversioned keys) and its day 0, for one
	 * version of its data.
	 */
	private record SubjectImpacts(Map<String, List<Impact>> byRecord, Set<String> primaryEvidence,
			Optional<LocalDate> day0) {
	}

	/** One version of a record as the queue shows it, and whether it waits for verification in the study. */
	private record Described(boolean needsVerification, Coding measure, String value, LocalDate date) {
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
	private final Map<String, SubjectImpacts> impactCache = lru(CACHED_SUBJECTS);
	private final Map<String, Described> descriptions = lru(CACHED_RECORDS);

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

	/** The study's design and the criteria sets whose results a queued value may change. */
	private record Studied(StudyDesign design, List<ResponseCriteria> rules) {
	}

	public Output queue(Query query, RequestDetails request) {
		LocalDate asOf = LocalDate.now(clock);
		List<Item> items = new ArrayList<>();
		Map<String, Map<VerificationState, Integer>> bySite = new TreeMap<>();
		boolean[] subjectFound = {false};
		SubjectDataReader.StudyRead<Studied> read = reader.forEachSubjectOfStudy(query.studyId(), null, query.site(),
				false, request, s -> new Studied(designs.of(s, request),
						catalog.select(StudyDesign.criteriaOr(StudyDesigns.criteria(s), catalog.codes()))),
				(studied, chunk) -> {
			List<SubjectDataReader.IndexedSubject> wanted = chunk.stream().filter(d -> query.subject() == null
					|| d.subject().getIdElement().getIdPart().equals(query.subject())).toList();
			subjectFound[0] |= !wanted.isEmpty();
			if (!wanted.isEmpty() && StudyDesigns.sourceVerification(wanted.get(0).study()).needed()) {
				queueChunk(wanted, studied.design(), studied.rules(), asOf, query.states(), items, bySite, request);
			}
		});
		if (query.subject() != null && !subjectFound[0]) {
			// A mistyped subject, or one of another study, would otherwise read as a subject with nothing to verify.
			throw new InvalidRequestException("Parameter subject: ResearchSubject/" + query.subject()
					+ " is not a subject of " + query.studyId().getValue()
					+ (query.site() == null ? "" : " enrolled by " + query.site()));
		}
		items.sort((a, b) -> a.rank().compareTo(b.rank()));
		return output(read.study(), items, query.count(), bySite);
	}

	/**
	 * The records of a chunk of subjects, known by id and version; only those not described before are read and
	 * parsed. Then each subject's items.
	 */
	private void queueChunk(List<SubjectDataReader.IndexedSubject> subjects, StudyDesign design,
			List<ResponseCriteria> rules, LocalDate asOf, Set<VerificationState> states, List<Item> items,
			Map<String, Map<VerificationState, Integer>> bySite, RequestDetails request) {
		ResearchStudy study = subjects.get(0).study();
		List<String> patients = subjects.stream().map(d -> PatientReferences.patientOf(d.subject()))
				.filter(Objects::nonNull).distinct().toList();
		Set<String> onTimeline = subjects.stream().flatMap(d -> d.rows().stream()).map(ResponseEvidenceIndex.Row::key)
				.collect(Collectors.toSet());
		Map<String, List<StoredResources.Version>> byPatient = new HashMap<>();
		Map<String, SourceVerifications.Verification> decided = transactions.withRequest(request).readOnly()
				.execute(() -> {
					Map<Long, String> patientOfPid = stored.fhirIdsByPid("Patient", patients);
					List<StoredResources.Version> versions = patientOfPid.isEmpty() ? List.of()
							: stored.versionsReferringTo(patientOfPid.keySet(), RECORD_PATHS);
					List<Long> unread = new ArrayList<>();
					for (StoredResources.Version version : versions) {
						byPatient.computeIfAbsent(patientOfPid.get(version.targetPid()), p -> new ArrayList<>())
								.add(version);
						if (!descriptions.containsKey(descriptionKey(study, version.key(), version.version()))) {
							unread.add(version.pid());
						}
					}
					for (List<Long> pids : Chunks.ofQuery(unread)) {
						for (IBaseResource record : stored.load(pids)) {
							describe(record, study, onTimeline.contains(ResponseEvidenceIndex.keyOf(record)));
						}
					}
					return verifications.ofPatients(patients);
				});
		for (SubjectDataReader.IndexedSubject data : subjects) {
			queueSubject(data, byPatient.getOrDefault(PatientReferences.patientOf(data.subject()), List.of()),
					decided, design, rules, asOf, states, items, bySite);
		}
	}

	private void queueSubject(SubjectDataReader.IndexedSubject data, List<StoredResources.Version> records,
			Map<String, SourceVerifications.Verification> decided, StudyDesign design, List<ResponseCriteria> rules,
			LocalDate asOf, Set<VerificationState> states, List<Item> items,
			Map<String, Map<VerificationState, Integer>> bySite) {
		String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
		String site = Optional.ofNullable(SiteRoster.siteOf(data.subject())).orElse("none");
		SubjectImpacts impacts = null;
		Optional<LocalDate> day0 = Optional.empty();
		Optional<VisitAttribution> visits = design.attribution();
		for (StoredResources.Version record : records) {
			Described described = descriptions.get(descriptionKey(data.study(), record.key(), record.version()));
			if (described == null || !described.needsVerification()) {
				continue; // not waiting for verification (or gone since it was listed)
			}
			SourceVerifications.Verification verification = decided.get(record.key());
			VerificationState state = verification == null ? VerificationState.UNVERIFIED
					: verification.record().state(record.version());
			bySite.computeIfAbsent(site, s -> new EnumMap<>(VerificationState.class)).merge(state, 1, Integer::sum);
			if (!states.contains(state)) {
				continue;
			}
			if (impacts == null) {
				impacts = impactsOf(data, rules, asOf);
				day0 = impacts.day0();
			}
			List<Impact> impact = impacts.byRecord().getOrDefault(record.key(), List.of());
			String versioned = record.key() + "/_history/" + record.version();
			Optional<LocalDate> subjectDay0 = day0;
			String visit = Optional.ofNullable(described.date()).flatMap(d -> visitOf(visits, subjectDay0, d))
					.orElse(null);
			items.add(new Item(new ReviewPriority(!impact.isEmpty(), impacts.primaryEvidence().contains(record.key()),
					described.date(), record.key()), subject, versioned, described.measure(), described.value(),
					described.date(), visit, state, verification == null ? null : verification.record().queryText(),
					impact));
		}
	}

	/** What the queue shows of one version of a record, kept so that an unchanged record is not read again. */
	private void describe(IBaseResource record, ResearchStudy study, boolean onTimeline) {
		String key = ResponseEvidenceIndex.keyOf(record);
		long version = Long.parseLong(record.getIdElement().getVersionIdPart());
		descriptions.put(descriptionKey(study, key, version), new Described(
				use.needsVerification(record, study, onTimeline), QueuedRecords.measure(record),
				QueuedRecords.value(record), QueuedRecords.date(record).orElse(null)));
	}

	/** The study's version is part of the key: its source-verification code decides what waits. */
	private static String descriptionKey(ResearchStudy study, String key, long version) {
		return study.getIdElement().toUnqualified().getValue() + "|" + key + "|" + version;
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
	 * once per version of the subject's data. A record a set's result did not use (it is not in the result's
	 * evidence) cannot change that result, so only the records it used are taken out one at a time.
	 */
	private SubjectImpacts impactsOf(SubjectDataReader.IndexedSubject data, List<ResponseCriteria> rules,
			LocalDate asOf) {
		String key = data.subject().getIdElement().toUnqualified().getValue() + "|"
				+ data.study().getIdElement().toUnqualified().getValue() + "|" + asOf + "|"
				+ rules.stream().map(ResponseCriteria::code).collect(Collectors.joining(",")) + "|"
				+ data.rows().stream().map(r -> r.key() + "@" + r.version()).sorted()
						.collect(Collectors.joining(","));
		SubjectImpacts cached = impactCache.get(key);
		if (cached != null) {
			return cached;
		}
		SubjectDataReader.Timelines timelines = data.timelines(asOf);
		SubjectTimeline all = timelines.without(null);
		List<CriteriaResult> counted = rules.stream().map(r -> r.evaluate(all)).toList();
		Map<String, List<Impact>> byRecord = new LinkedHashMap<>();
		for (String record : timelines.keys()) {
			SubjectTimeline without = null;
			List<Impact> impacts = new ArrayList<>();
			for (int i = 0; i < rules.size(); i++) {
				if (rules.get(i).categories().isEmpty() || !unversioned(counted.get(i).evidence()).contains(record)) {
					continue;
				}
				without = without == null ? timelines.without(record) : without;
				Impact impact = Impact.between(rules.get(i).code(), code(counted.get(i)),
						code(rules.get(i).evaluate(without)));
				if (impact != null) {
					impacts.add(impact);
				}
			}
			if (!impacts.isEmpty()) {
				byRecord.put(record, List.copyOf(impacts));
			}
		}
		SubjectImpacts computed = new SubjectImpacts(byRecord,
				counted.isEmpty() ? Set.of() : unversioned(counted.get(0).evidence()), all.day0());
		impactCache.put(key, computed);
		return computed;
	}

	/** {@code Observation/1} for each {@code Observation/1/_history/2}. */
	private static Set<String> unversioned(Collection<String> evidence) {
		Set<String> keys = new HashSet<>(evidence.size() * 2);
		for (String reference : evidence) {
			int history = reference.indexOf("/_history/");
			keys.add(history < 0 ? reference : reference.substring(0, history));
		}
		return keys;
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
