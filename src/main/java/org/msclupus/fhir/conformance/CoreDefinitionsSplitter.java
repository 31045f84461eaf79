package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.VersionUtil;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step (Maven's {@code process-classes}): splits the R4 definitions HAPI bundles as a few large XML files into
 * one JSON file per resource plus an index, so that {@link CoreDefinitions} parses only what is asked for.
 *
 * <p>The files read, and the rule that a later resource with the same URL replaces an earlier one, are those of
 * HAPI's {@code DefaultProfileValidationSupportBundleStrategy} for R4. {@code CoreDefinitionsTest} holds every resource
 * read back to the one HAPI loads ({@code equalsDeep}). The index records the HAPI version it was made from; a build
 * against the same version leaves an existing split alone.
 */
public final class CoreDefinitionsSplitter {

	static final List<String> STRUCTURE_DEFINITION_FILES = List.of(
			"/org/hl7/fhir/r4/model/profile/profiles-resources.xml",
			"/org/hl7/fhir/r4/model/profile/profiles-types.xml",
			"/org/hl7/fhir/r4/model/profile/profiles-others.xml",
			"/org/hl7/fhir/r4/model/extension/extension-definitions.xml");
	static final List<String> TERMINOLOGY_FILES = List.of(
			"/org/hl7/fhir/r4/model/valueset/valuesets.xml",
			"/org/hl7/fhir/r4/model/valueset/v2-tables.xml",
			"/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml");

	private CoreDefinitionsSplitter() {}

	/** {@code args[0]}: the classes directory; the split goes under {@link CoreDefinitions#ROOT} inside it. */
	public static void main(String[] args) throws IOException {
		Path root = Path.of(args[0]).resolve(CoreDefinitions.ROOT.substring(1));
		String version = VersionUtil.getVersion();
		Path index = root.resolve(CoreDefinitions.INDEX);
		if (Files.exists(index) && Files.readAllLines(index).get(0).equals(CoreDefinitions.INDEX_HEADER + version)) {
			return;
		}
		FhirContext fhir = FhirContext.forR4();
		Map<String, CoreDefinitions.Entry> entries = new LinkedHashMap<>();
		Map<CoreDefinitions.Entry, IBaseResource> resources = new LinkedHashMap<>();
		for (String file : STRUCTURE_DEFINITION_FILES) {
			for (IBaseResource resource : parseBundle(fhir, file)) {
				if (resource instanceof StructureDefinition definition && definition.hasUrl()) {
					boolean base = definition.getDerivation() != TypeDerivationRule.CONSTRAINT;
					add(entries, resources, new CoreDefinitions.Entry(
							CoreDefinitions.Kind.STRUCTURE_DEFINITION, definition.getUrl(), base,
							definition.getIdElement().getValue(), null), resource);
				}
			}
		}
		for (String file : TERMINOLOGY_FILES) {
			for (IBaseResource resource : parseBundle(fhir, file)) {
				CoreDefinitions.Kind kind = switch (resource.fhirType()) {
					case "CodeSystem" -> CoreDefinitions.Kind.CODE_SYSTEM;
					case "ValueSet" -> CoreDefinitions.Kind.VALUE_SET;
					default -> null;
				};
				String url = kind == null ? null : DefaultProfileValidationSupport.getConformanceResourceUrl(fhir, resource);
				if (url != null && !url.isBlank()) {
					add(entries, resources, new CoreDefinitions.Entry(kind, url, false,
							resource.getIdElement().getValue(), null), resource);
				}
			}
		}
		write(fhir, root, version, resources);
	}

	/** Later wins, as in HAPI's maps; the file keeps its place in the order of first appearance. */
	private static void add(Map<String, CoreDefinitions.Entry> entries, Map<CoreDefinitions.Entry, IBaseResource> resources,
			CoreDefinitions.Entry entry, IBaseResource resource) {
		CoreDefinitions.Entry earlier = entries.put(entry.kind() + " " + entry.url(), entry);
		if (earlier != null) {
			resources.remove(earlier);
		}
		resources.put(entry, resource);
	}

	private static void write(FhirContext fhir, Path root, String version, Map<CoreDefinitions.Entry, IBaseResource> resources)
			throws IOException {
		Files.createDirectories(root);
		try (Writer index = Files.newBufferedWriter(root.resolve(CoreDefinitions.INDEX), StandardCharsets.UTF_8)) {
			index.write(CoreDefinitions.INDEX_HEADER + version + "\n");
			int number = 0;
			for (Map.Entry<CoreDefinitions.Entry, IBaseResource> next : resources.entrySet()) {
				String file = String.format("%04d.json", number++);
				Files.writeString(root.resolve(file), fhir.newJsonParser().encodeResourceToString(next.getValue()));
				index.write(next.getKey().withFile(file).toLine() + "\n");
			}
		}
	}

	private static List<IBaseResource> parseBundle(FhirContext fhir, String classpath) throws IOException {
		try (InputStream in = DefaultProfileValidationSupport.class.getResourceAsStream(classpath)) {
			if (in == null) {
				throw new IOException("Not on the classpath: " + classpath);
			}
			IBaseBundle bundle = (IBaseBundle) fhir.newXmlParser()
					.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8));
			return BundleUtil.toListOfResources(fhir, bundle);
		}
	}
}
