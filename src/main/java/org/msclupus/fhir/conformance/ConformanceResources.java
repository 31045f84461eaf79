package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The trial's own FHIR definitions (profiles, extensions, code systems, value sets, concept maps), as generated from
 * FSH into {@code profiles/generated} and {@code terminology/generated} and packaged into the jar. Read once at
 * start-up, from the classpath only: no network.
 */
public final class ConformanceResources {

	public static final String CANONICAL_BASE = "http://msc-lupus.org/fhir";
	public static final String STRUCTURE_DEFINITION_BASE = CANONICAL_BASE + "/StructureDefinition/";
	static final String CLASSPATH_PATTERN = "classpath*:msc-conformance/**/*.json";

	private final List<MetadataResource> resources;
	private final Map<String, MetadataResource> byUrl;

	public ConformanceResources(List<MetadataResource> resources) {
		this.resources = List.copyOf(resources);
		this.byUrl = resources.stream()
				.collect(Collectors.toUnmodifiableMap(MetadataResource::getUrl, Function.identity(), (a, b) -> {
					throw new IllegalStateException("Two conformance resources with the URL " + a.getUrl());
				}));
	}

	public static ConformanceResources loadFromClasspath(FhirContext fhirContext) {
		var parser = fhirContext.newJsonParser();
		List<MetadataResource> loaded = new ArrayList<>();
		try {
			for (var file : new PathMatchingResourcePatternResolver().getResources(CLASSPATH_PATTERN)) {
				try (InputStream in = file.getInputStream()) {
					Resource resource = (Resource) parser.parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					if (!(resource instanceof MetadataResource metadata)) {
						throw new IllegalStateException(file.getFilename() + " is not a conformance resource");
					}
					loaded.add(metadata);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the conformance resources", e);
		}
		if (loaded.isEmpty()) {
			throw new IllegalStateException("No conformance resources found at " + CLASSPATH_PATTERN);
		}
		loaded.sort(Comparator.comparing(MetadataResource::getUrl));
		return new ConformanceResources(loaded);
	}

	public List<MetadataResource> all() {
		return resources;
	}

	public List<StructureDefinition> structureDefinitions() {
		return ofType(StructureDefinition.class);
	}

	public List<ConceptMap> conceptMaps() {
		return ofType(ConceptMap.class);
	}

	public Optional<MetadataResource> byUrl(String url) {
		return Optional.ofNullable(byUrl.get(url));
	}

	public Optional<ValueSet> valueSet(String url) {
		return byUrl(url).filter(ValueSet.class::isInstance).map(ValueSet.class::cast);
	}

	public static boolean isOurProfile(CanonicalType profile) {
		return profile.getValue() != null && profile.getValue().startsWith(STRUCTURE_DEFINITION_BASE);
	}

	private <T extends MetadataResource> List<T> ofType(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}
}
