package org.msclupus.fhir.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.msclupus.fhir.verification.VerificationState;

/**
 * Which version of each record an answer counts, for a study whose values wait for verification: every current
 * version by default, or with {@code verifiedOnly} the last verified version of each record (none for a record never
 * verified). Either way it counts the records used whose current version is not verified, which every answer of such
 * a study reports.
 */
final class CountedValues {

	private final Map<String, SourceVerifications.Verification> verifications;
	private final boolean verifiedOnly;

	CountedValues(Map<String, SourceVerifications.Verification> verifications, boolean verifiedOnly) {
		this.verifications = verifications;
		this.verifiedOnly = verifiedOnly;
	}

	/** The rows to count and how many of the subject's rows were not verified in their current version. */
	record Counted(List<ResponseEvidenceIndex.Row> rows, int unverified) {
	}

	Counted of(List<ResponseEvidenceIndex.Row> rows) {
		List<ResponseEvidenceIndex.Row> counted = new ArrayList<>(rows.size());
		int unverified = 0;
		for (ResponseEvidenceIndex.Row row : rows) {
			SourceVerifications.Verification verification = verificationOf(row.key());
			if (verification.record().state(row.version()) != VerificationState.VERIFIED) {
				unverified++;
			}
			OptionalLong version = verification.record().countedVersion(row.version(), verifiedOnly);
			if (version.isEmpty()) {
				continue;
			}
			if (version.getAsLong() == row.version()) {
				counted.add(row);
			} else if (verification.verifiedEntries() != null) {
				counted.add(new ResponseEvidenceIndex.Row(row.key(), version.getAsLong(), verification.verifiedEntries()));
			}
		}
		return new Counted(counted, verifiedOnly ? 0 : unverified);
	}

	SourceVerifications.Verification verificationOf(String key) {
		return verifications.getOrDefault(key, SourceVerifications.Verification.NONE);
	}

	boolean verifiedOnly() {
		return verifiedOnly;
	}
}
