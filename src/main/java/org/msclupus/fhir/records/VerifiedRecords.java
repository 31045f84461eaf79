package org.msclupus.fhir.records;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.verification.VerificationRecord;
import org.msclupus.fhir.verification.VerificationState;

/**
 * The versions of whole records an answer counts, for the operations that read records rather than the evidence
 * index (the safety summary, the SDTM datasets): as {@link CountedValues} does for evidence rows, with an earlier
 * verified version read from the record's history. Must run inside a transaction.
 */
public class VerifiedRecords {

	/** The records to count and how many of those used were counted in a version nobody verified. */
	public record Counted(List<IBaseResource> records, int unverified) {
	}

	private final SourceVerifications verifications;
	private final DaoRegistry daos;
	private final RecordUse use;

	public VerifiedRecords(SourceVerifications verifications, DaoRegistry daos, RecordUse use) {
		this.verifications = verifications;
		this.daos = daos;
		this.use = use;
	}

	/** How to count the records of these patients for the study; null when the study needs no verification. */
	CountedValues counting(ResearchStudy study, Collection<String> patients, boolean verifiedOnly) {
		return StudyDesigns.sourceVerification(study).needed()
				? new CountedValues(verifications.ofPatients(patients), verifiedOnly) : null;
	}

	/**
	 * One subject's records in the versions counted. A record the answer does not use ({@code used} false) passes
	 * as it is.
	 */
	Counted counted(List<IBaseResource> records, CountedValues counting, Predicate<IBaseResource> used) {
		List<IBaseResource> counted = new ArrayList<>(records.size());
		int unverified = 0;
		for (IBaseResource record : records) {
			if (!used.test(record)) {
				counted.add(record);
				continue;
			}
			Long stored = ResponseEvidenceIndex.versionOf(record);
			long current = stored == null ? 1 : stored;
			CountedVersion version = countedVersion(ResponseEvidenceIndex.keyOf(record), current, counting);
			if (version.unverified()) {
				unverified++;
			}
			if (version.version().isPresent()) {
				counted.add(version.version().getAsLong() == current ? record
						: read(ResponseEvidenceIndex.keyOf(record), version.version().getAsLong()));
			}
		}
		return new Counted(counted, counting.verifiedOnly() ? 0 : unverified);
	}

	/**
	 * Which version of a used record an answer counts (none: empty) and whether its current version waits for
	 * verification.
	 */
	record CountedVersion(OptionalLong version, boolean unverified) {
	}

	CountedVersion countedVersion(String key, long current, CountedValues counting) {
		VerificationRecord verification = counting.verificationOf(key).record();
		return new CountedVersion(verification.countedVersion(current, counting.verifiedOnly()),
				verification.state(current) != VerificationState.VERIFIED);
	}

	/** One version of a record, as {@code Observation/1} and its version number. */
	IBaseResource read(String key, long version) {
		IdType id = new IdType(key).withVersion(String.valueOf(version));
		return daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
	}

	/**
	 * Each patient's records in the versions counted, every record that waits for verification taken as used; null
	 * when the study needs no verification (the records count as they are).
	 */
	public Map<String, Counted> countedByPatient(ResearchStudy study, Map<String, List<IBaseResource>> byPatient,
			boolean verifiedOnly) {
		CountedValues counting = counting(study, byPatient.keySet(), verifiedOnly);
		if (counting == null) {
			return null;
		}
		Map<String, Counted> counted = new HashMap<>();
		byPatient.forEach((patient, records) -> counted.put(patient,
				counted(records, counting, r -> use.needsVerification(r, study))));
		return counted;
	}
}
