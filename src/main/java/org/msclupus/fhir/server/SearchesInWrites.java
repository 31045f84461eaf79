package org.msclupus.fhir.server;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * A search made inside a transaction that writes (a storage hook's lookup): the matches found by id, then read one by
 * one. HAPI's search loads its matches in one batch (their tags among them); when the matches mixed a resource
 * written in this transaction with one stored before, Hibernate refused that load and the whole write failed with a
 * 500 (HAPI-2223, "possible non-threadsafe access to the session"; with assertions on, an assertion about two
 * instances of one entity in the persistence context). Reading one by one does not meet it. Meant for the few
 * matches of a lookup (a patient's enrolments or events), not for whole-table reads.
 */
public final class SearchesInWrites {

	private SearchesInWrites() {
	}

	public static <T extends IBaseResource> List<T> search(IFhirResourceDao<T> dao, SearchParameterMap search,
			RequestDetails request) {
		List<T> found = new ArrayList<>();
		for (IIdType id : dao.searchForResourceIds(search, request)) {
			try {
				found.add(dao.read(id.toUnqualifiedVersionless(), request));
			} catch (ResourceGoneException | ResourceNotFoundException deletedMeanwhile) {
				// deleted by another transaction since the search: no longer a match
			}
		}
		return found;
	}
}
