package org.msclupus.fhir.server;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * References that name their target by its identifier only ({@code {"identifier": {"system": …, "value": …}}}, a
 * logical reference, as an interface engine that knows a registry or record number but not this server's ids writes
 * it) given the id of the one resource of the target's type that has that identifier, the identifier kept beside it.
 * The server's rules follow references by id: left as sent, such a reference ties its record to nothing. An
 * identifier no resource has, or several have, is left as sent; so is a reference whose {@code type} names another
 * resource type.
 */
public final class LogicalReferences {

	private static final int NOT_LOGICAL = -1;

	private LogicalReferences() {
	}

	/**
	 * Against the stored resources of the type, as a record is stored (a storage hook, inside the write): the
	 * identifier is searched for ids only, which is safe inside a write.
	 */
	public static void resolveStored(List<Reference> references, String type, DaoRegistry daos) {
		for (Reference reference : references) {
			resolveStored(reference, type, daos);
		}
	}

	/**
	 * As {@link #resolveStored(List, String, DaoRegistry)} for a reference the record cannot do without, except that
	 * when no stored resource of the type has the identifier, or several have, the write is refused (400, or 412 for
	 * several as HAPI answers a conditional reference that matches several), as one naming an id not stored is:
	 * stored, the record would belong to nothing while its sender took it as delivered. An update that keeps the
	 * logical reference the record had before (stored before this rule) passes, so that it can still be corrected.
	 *
	 * @param previous the same reference in the version being replaced; null for a create
	 * @param where the element, for the message ({@code Observation.subject})
	 */
	public static void resolveStoredOrRefuse(Reference reference, Reference previous, String type, String where,
			DaoRegistry daos) {
		int found = resolveStored(reference, type, daos);
		if (found == 1 || found == NOT_LOGICAL || sameLogicalReference(previous, reference, type)) {
			return;
		}
		Identifier identifier = reference.getIdentifier();
		String named = (identifier.hasSystem() ? identifier.getSystem() + "|" : "") + identifier.getValue();
		if (found == 0) {
			throw new InvalidRequestException(where + " names its " + type + " by identifier " + named + ", and no "
					+ "stored " + type + " has that identifier: store the " + type + " first (or in the same "
					+ "transaction) and send this again" + (reference.hasType() ? ""
							: "; a reference to another type of resource names its type"));
		}
		throw new PreconditionFailedException(where + " names its " + type + " by identifier " + named + ", which "
				+ found + " stored " + type + " resources have: name it by id");
	}

	/**
	 * One reference against the stored resources of the type: how many have its identifier (it is resolved when one
	 * does), or {@link #NOT_LOGICAL} when it is no logical reference to the type (it has a literal reference, no
	 * identifier, or another type), which is left alone.
	 */
	private static int resolveStored(Reference reference, String type, DaoRegistry daos) {
		if (!identifierOnly(reference, type)) {
			return NOT_LOGICAL;
		}
		Identifier identifier = reference.getIdentifier();
		SearchParameterMap search = SearchParameterMap.newSynchronous("identifier",
				new TokenParam(identifier.getSystem(), identifier.getValue()));
		List<IIdType> found = daos.getResourceDao(type).searchForResourceIds(search, new SystemRequestDetails());
		if (found.size() == 1) {
			reference.setReference(type + "/" + found.get(0).getIdPart());
		}
		return found.size();
	}

	/** Whether two references name the same target by the same identifier and neither has a literal reference. */
	static boolean sameLogicalReference(Reference one, Reference other, String type) {
		return identifierOnly(one, type) && identifierOnly(other, type)
				&& one.getIdentifier().getValue().equals(other.getIdentifier().getValue())
				&& Objects.equals(one.getIdentifier().getSystem(), other.getIdentifier().getSystem());
	}

	/**
	 * Against the entries of a transaction bundle, before HAPI processes it (HAPI writes a transaction's entries to
	 * the database at commit, so a search made as a record is stored does not find a target written beside it): a
	 * logical reference to an entry of the type is pointed at that entry ({@code <type>/<id>} for a PUT by id, else its
	 * fullUrl), which HAPI then resolves as any reference within a bundle, whatever the entries' order.
	 *
	 * @param referencesOf the references of a resource that may name a target of the type
	 */
	public static void resolveInBundle(Bundle bundle, String type, Function<Resource, List<Reference>> referencesOf) {
		if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
			return;
		}
		Map<Identifier, String> targets = new java.util.LinkedHashMap<>();
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Resource resource = entry.getResource();
			if (resource == null || !type.equals(resource.fhirType())
					|| entry.getRequest().getMethod() == Bundle.HTTPVerb.DELETE) {
				continue;
			}
			String target = entryReference(entry, type);
			if (target != null) {
				identifiers(resource).stream().filter(Identifier::hasValue).forEach(i -> targets.put(i, target));
			}
		}
		if (targets.isEmpty()) {
			return;
		}
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.getResource() == null) {
				continue;
			}
			for (Reference reference : referencesOf.apply(entry.getResource())) {
				if (!identifierOnly(reference, type)) {
					continue;
				}
				Identifier wanted = reference.getIdentifier();
				Set<String> found = new LinkedHashSet<>();
				targets.forEach((identifier, target) -> {
					if (matches(wanted, identifier)) {
						found.add(target);
					}
				});
				if (found.size() == 1) {
					reference.setReference(found.iterator().next());
				}
			}
		}
	}

	/** As the token search matches: the same value, and the same system unless the reference gives none. */
	static boolean matches(Identifier wanted, Identifier candidate) {
		return wanted.getValue().equals(candidate.getValue())
				&& (!wanted.hasSystem() || wanted.getSystem().equals(candidate.getSystem()));
	}

	/** A reference with an identifier and no literal reference, to the type (or of no stated type). */
	static boolean identifierOnly(Reference reference, String type) {
		// hasIdentifier first: HAPI's getter would add an empty Identifier to a reference that has none.
		return reference != null && !reference.hasReference() && reference.hasIdentifier()
				&& reference.getIdentifier().hasValue()
				&& (!reference.hasType() || type.equals(reference.getType()));
	}

	/** How other entries refer to an entry: by its id when it is written by id, else by its fullUrl. */
	private static String entryReference(Bundle.BundleEntryComponent entry, String type) {
		String url = entry.getRequest().getUrl();
		if (entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT && url != null && !url.contains("?")) {
			IdType id = new IdType(url);
			if (type.equals(id.getResourceType()) && id.hasIdPart()) {
				return type + "/" + id.getIdPart();
			}
		}
		return entry.hasFullUrl() ? entry.getFullUrl() : null;
	}

	@SuppressWarnings("unchecked")
	private static List<Identifier> identifiers(Resource resource) {
		return resource.getNamedProperty("identifier") == null ? List.of()
				: (List<Identifier>) (List<?>) resource.getNamedProperty("identifier").getValues();
	}
}
