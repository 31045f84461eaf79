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
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
		AuditQuery query = AuditSearchParameters.query(date, entity, patient, action, subtype, outcome, sort, offset,
				count == null ? defaultPageSize : Math.min(count, maxPageSize), count);
		int from = query.offset();
		int pageSize = query.count();
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
