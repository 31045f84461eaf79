package org.msclupus.fhir.audit;

import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * An AuditEvent search's parameters, as HAPI binds them, translated once into an {@link AuditQuery}: 400 naming the
 * problem for what the audit table cannot answer (chains, modifiers, sorts other than by date, negative paging).
 */
final class AuditSearchParameters {

	private AuditSearchParameters() {
	}

	/**
	 * @param pageSize the page size to use (the caller's {@code _count}, capped, or the default)
	 * @param count    the caller's {@code _count}, checked not to be negative
	 */
	static AuditQuery query(DateRangeParam date, ReferenceAndListParam entity, ReferenceAndListParam patient,
			TokenOrListParam action, TokenOrListParam subtype, TokenOrListParam outcome, SortSpec sort, Integer offset,
			int pageSize, Integer count) {
		List<List<String>> references = new ArrayList<>(referencesOf(entity, null));
		references.addAll(referencesOf(patient, "Patient"));
		if ((offset != null && offset < 0) || (count != null && count < 0)) {
			throw new InvalidRequestException("_offset and _count must not be negative");
		}
		return new AuditQuery(lowerOf(date), upperOf(date), references, codesOf(action), codesOf(subtype),
				codesOf(outcome), newestFirst(sort), offset == null ? 0 : offset, pageSize);
	}

	static Instant lowerOf(DateRangeParam date) {
		Date lower = date == null ? null : date.getLowerBoundAsInstant();
		return lower == null ? null : lower.toInstant();
	}

	/** HAPI gives the last instant the range includes; the query's upper bound excludes. */
	static Instant upperOf(DateRangeParam date) {
		Date upper = date == null ? null : date.getUpperBoundAsInstant();
		return upper == null ? null : upper.toInstant().plusMillis(1);
	}

	static boolean newestFirst(SortSpec sort) {
		if (sort == null) {
			return false;
		}
		if (sort.getChain() != null || !(AuditEvent.SP_DATE.equals(sort.getParamName())
				|| "_lastUpdated".equals(sort.getParamName()))) {
			throw new InvalidRequestException("AuditEvent searches sort by date only (_sort=date or _sort=-date)");
		}
		return sort.getOrder() == SortOrderEnum.DESC;
	}

	/** Each AND group as the audit trail's logical references; a bare id names a resource of the default type. */
	static List<List<String>> referencesOf(ReferenceAndListParam and, String defaultType) {
		List<List<String>> groups = new ArrayList<>();
		if (and == null) {
			return groups;
		}
		for (ReferenceOrListParam or : and.getValuesAsQueryTokens()) {
			List<String> anyOf = new ArrayList<>();
			for (ReferenceParam reference : or.getValuesAsQueryTokens()) {
				anyOf.add(logicalReference(reference, defaultType));
			}
			groups.add(anyOf);
		}
		return groups;
	}

	static String logicalReference(ReferenceParam reference, String defaultType) {
		if (reference.getChain() != null || reference.getMissing() != null) {
			throw new InvalidRequestException("AuditEvent searches take plain references for entity and patient, "
					+ "without chains or :missing");
		}
		String value = reference.getValue();
		if (value.startsWith(AuditTrail.REFERENCE_BASE)) {
			return value;
		}
		if (value.contains("://") || value.startsWith("urn:")) {
			return value;
		}
		String type = reference.getResourceType() != null ? reference.getResourceType() : defaultType;
		if (type == null) {
			throw new InvalidRequestException("AuditEvent?entity needs a typed reference such as Patient/123, not '"
					+ value + "'");
		}
		return AuditTrail.auditReference(type + "/" + reference.getIdPart());
	}

	/** Plain codes only: a modifier (:not, :missing, ...) would otherwise be ignored and the answer silently wrong. */
	static List<String> codesOf(TokenOrListParam tokens) {
		if (tokens == null) {
			return List.of();
		}
		for (TokenParam token : tokens.getValuesAsQueryTokens()) {
			if (token.getModifier() != null || token.getMissing() != null) {
				throw new InvalidRequestException("AuditEvent searches take plain codes for action, subtype and "
						+ "outcome, without modifiers");
			}
		}
		return tokens.getValuesAsQueryTokens().stream().map(TokenParam::getValue).toList();
	}
}
