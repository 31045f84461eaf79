package org.msclupus.fhir.eligibility.operation;

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
}
