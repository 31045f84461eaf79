package org.msclupus.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail over FHIR, read-only: {@code AuditEvent/[id]} and searches by {@code date}, {@code entity},
 * {@code patient}, {@code action}, {@code subtype} and {@code outcome}, paged by offset (any node answers any page).
 * There is no create, update or delete: the trail is written by the server alone.
 */
public class AuditEventProvider implements IResourceProvider {

	private final DataSource dataSource;
	private final FhirContext fhirContext;
	private final int defaultPageSize;
	private final int maxPageSize;

	public AuditEventProvider(DataSource dataSource, FhirContext fhirContext, int defaultPageSize, int maxPageSize) {
		this.dataSource = dataSource;
		this.fhirContext = fhirContext;
		this.defaultPageSize = defaultPageSize;
		this.maxPageSize = maxPageSize;
	}

	@Override
	public Class<? extends IBaseResource> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id) {
		Optional<String> body = withConnection(connection -> AuditStore.body(connection, id.getIdPart()));
		return body.map(json -> parse(fhirContext.newJsonParser(), json))
				.orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
	}

	@Search(allowUnknownParams = false)
	public IBundleProvider search(
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceAndListParam entity,
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceAndListParam patient,
			@OptionalParam(name = AuditEvent.SP_ACTION) TokenOrListParam action,
			@OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenOrListParam subtype,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenOrListParam outcome,
			@Sort SortSpec sort,
			@Offset Integer offset,
			@Count Integer count) {
		List<List<String>> references = new ArrayList<>(referencesOf(entity, null));
		references.addAll(referencesOf(patient, "Patient"));
		if ((offset != null && offset < 0) || (count != null && count < 0)) {
			throw new InvalidRequestException("_offset and _count must not be negative");
		}
		int pageSize = count == null ? defaultPageSize : Math.min(count, maxPageSize);
		int from = offset == null ? 0 : offset;
		AuditQuery query = new AuditQuery(lowerOf(date), upperOf(date), references, codesOf(action),
				codesOf(subtype), codesOf(outcome), newestFirst(sort), from, pageSize);
		IParser json = fhirContext.newJsonParser();
		return withConnection(connection -> {
			int total = AuditStore.count(connection, query);
			List<IBaseResource> page = new ArrayList<>();
			for (String body : AuditStore.bodies(connection, query)) {
				page.add(parse(json, body));
			}
			SimpleBundleProvider bundle = new SimpleBundleProvider(page);
			bundle.setCurrentPageOffset(from);
			bundle.setCurrentPageSize(pageSize);
			bundle.setSize(total);
			return bundle;
		});
	}

	private static Instant lowerOf(DateRangeParam date) {
		Date lower = date == null ? null : date.getLowerBoundAsInstant();
		return lower == null ? null : lower.toInstant();
	}

	/** HAPI gives the last instant the range includes; the query's upper bound excludes. */
	private static Instant upperOf(DateRangeParam date) {
		Date upper = date == null ? null : date.getUpperBoundAsInstant();
		return upper == null ? null : upper.toInstant().plusMillis(1);
	}

	private static boolean newestFirst(SortSpec sort) {
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
	private static List<List<String>> referencesOf(ReferenceAndListParam and, String defaultType) {
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
	private static List<String> codesOf(TokenOrListParam tokens) {
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

	private static AuditEvent parse(IParser json, String body) {
		return json.parseResource(AuditEvent.class, body);
	}

	private interface Work<T> {
		T on(Connection connection) throws SQLException;
	}

	private <T> T withConnection(Work<T> work) {
		try (Connection connection = dataSource.getConnection()) {
			return work.on(connection);
		} catch (SQLException e) {
			throw new InternalErrorException("Could not read the audit trail: " + e.getMessage(), e);
		}
	}
}
