package org.msclupus.fhir.eligibility.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Comparator;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ResearchStudy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.MetadataResource;
import org.msclupus.fhir.eligibility.EligibilityCriteria;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The eligibility criteria shipped in {@code terminology/eligibility/} (packaged under {@code msc-eligibility/}), each
 * wrapped as the Library the server stores at start-up and resolves by canonical URL.
 */
public final class EligibilityLibraries {

	static final String CLASSPATH_PATTERN = "classpath*:msc-eligibility/*.json";
	static final String JSON = "application/json";

	private EligibilityLibraries() {
	}

	public static List<MetadataResource> loadFromClasspath() {
		List<MetadataResource> libraries = new ArrayList<>();
		try {
			for (var file : new PathMatchingResourcePatternResolver().getResources(CLASSPATH_PATTERN)) {
				try (InputStream in = file.getInputStream()) {
					libraries.add(toLibrary(in.readAllBytes()));
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the eligibility criteria", e);
		}
		return libraries;
	}

	/** A Library holding criteria as its JSON attachment; its id is the last segment of the criteria URL. */
	static Library toLibrary(byte[] json) {
		EligibilityCriteria criteria = EligibilityCriteria.parse(new String(json, StandardCharsets.UTF_8));
		Library library = new Library();
		library.setId(criteria.url().substring(criteria.url().lastIndexOf('/') + 1));
		library.setUrl(criteria.url());
		library.setVersion(criteria.version());
		library.setName(library.getIdElement().getIdPart().replaceAll("[^A-Za-z0-9]", ""));
		library.setTitle(criteria.title());
		library.setStatus(Enumerations.PublicationStatus.ACTIVE);
		library.setType(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/library-type",
				"logic-library", "Logic Library")));
		library.setDescription("Eligibility criteria screened by $check-eligibility (format: terminology/eligibility/"
				+ "README.md of the msc-lupus-fhir project).");
		library.addContent().setContentType(JSON).setData(json).setTitle("eligibility criteria");
		return library;
	}

	/** The criteria the study's extension names: the Library with that URL (and version, when given). */
	static EligibilityCriteria criteriaOf(DaoRegistry daos, ResearchStudy study, RequestDetails request) {
		Extension link = study.getExtensionByUrl(CheckEligibilityProvider.CRITERIA_EXTENSION);
		if (link == null || !(link.getValue() instanceof CanonicalType canonical) || canonical.getValue() == null) {
			throw new InvalidRequestException(study.getIdElement().toUnqualifiedVersionless().getValue()
					+ " names no eligibility criteria (extension " + CheckEligibilityProvider.CRITERIA_EXTENSION + ")");
		}
		String[] urlAndVersion = canonical.getValue().split("\\|", 2);
		SearchParameterMap search = SearchParameterMap.newSynchronous("url", new UriParam(urlAndVersion[0]));
		if (urlAndVersion.length > 1) {
			search.add("version", new TokenParam(urlAndVersion[1]));
		}
		List<Library> libraries = daos.getResourceDao(Library.class).search(search, request).getAllResources().stream()
				.map(Library.class::cast).toList();
		Library library = libraries.stream().max(Comparator.comparing(l -> l.getMeta().getLastUpdated()))
				.orElseThrow(() -> new UnprocessableEntityException("No Library holds the eligibility criteria "
						+ canonical.getValue() + " that " + study.getIdElement().toUnqualifiedVersionless().getValue()
						+ " names"));
		Attachment json = library.getContent().stream()
				.filter(a -> a.hasData() && a.getContentType() != null && a.getContentType().startsWith("application/json"))
				.findFirst().orElseThrow(() -> new UnprocessableEntityException("Library " + library.getUrl()
						+ " has no application/json attachment with eligibility criteria"));
		try {
			return EligibilityCriteria.parse(new String(json.getData(), StandardCharsets.UTF_8));
		} catch (IllegalArgumentException e) {
			throw new UnprocessableEntityException("Library " + library.getUrl() + ": " + e.getMessage());
		}
	}
}
