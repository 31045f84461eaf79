package org.msclupus.fhir.server;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A search made inside a transaction that writes (a storage hook's lookup): the matches found by id, then read one by
 * one. HAPI's search loads its matches in one batch, tags included; when they mixed a resource written in this
 * transaction with one stored before, that batch met the written resource's tag definition (HAPI hands out cached
 * instances) beside the session's own, and Hibernate refused the load: the whole write failed with a 500 (HAPI-2223,
 * "possible non-threadsafe access to the session"; with assertions on, an assertion in its persistence context).
 * Reading one by one keeps each resource's tags to itself. Meant for the few matches of a lookup (a patient's
 * enrolments or events), not for whole-table reads.
 */
public final class SearchesInWrites {

	private SearchesInWrites() {
	}

	public static <T extends IBaseResource> List<T> search(IFhirResourceDao<T> dao, SearchParameterMap search,
			RequestDetails request) {
		return dao.searchForResourceIds(search, request).stream()
				.map(id -> dao.read(id.toUnqualifiedVersionless(), request)).toList();
	}
}
