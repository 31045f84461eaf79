import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the FHIR R4 core package (hl7.fhir.r4.core#4.0.1) into a FHIR package cache, for SUSHI, which cannot
 * download it here. The definitions come from HAPI's hapi-fhir-validation-resources-r4 jar on the classpath: the
 * same StructureDefinitions, ValueSets and CodeSystems the server validates against, re-encoded as JSON.
 *
 * Usage: java -cp <classpath> WriteR4CorePackage.java <package-cache-dir>
 */
public class WriteR4CorePackage {

	private static final List<String> BUNDLES = List.of(
			"org/hl7/fhir/r4/model/profile/profiles-resources.xml",
			"org/hl7/fhir/r4/model/profile/profiles-types.xml",
			"org/hl7/fhir/r4/model/profile/profiles-others.xml",
			"org/hl7/fhir/r4/model/extension/extension-definitions.xml",
			"org/hl7/fhir/r4/model/valueset/valuesets.xml",
			"org/hl7/fhir/r4/model/valueset/v3-codesystems.xml",
			"org/hl7/fhir/r4/model/valueset/v2-tables.xml");

	public static void main(String[] args) throws Exception {
		Path packageDir = Path.of(args[0]).resolve("hl7.fhir.r4.core#4.0.1").resolve("package");
		Files.createDirectories(packageDir);
		FhirContext fhir = FhirContext.forR4();
		IParser xml = fhir.newXmlParser();
		IParser json = fhir.newJsonParser();
		int written = 0;
		for (String name : BUNDLES) {
			try (InputStream in = WriteR4CorePackage.class.getClassLoader().getResourceAsStream(name)) {
				if (in == null) {
					throw new IllegalStateException("Not on the classpath: " + name);
				}
				Bundle bundle = xml.parseResource(Bundle.class, in);
				for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
					Resource resource = entry.getResource();
					if (resource == null || !resource.hasIdElement()) {
						continue;
					}
					String type = resource.fhirType();
					String id = resource.getIdElement().getIdPart();
					Files.writeString(packageDir.resolve(type + "-" + id + ".json"),
							json.encodeResourceToString(resource), StandardCharsets.UTF_8);
					written++;
				}
			}
		}
		Files.writeString(packageDir.resolve("package.json"), """
				{
				  "name": "hl7.fhir.r4.core",
				  "version": "4.0.1",
				  "type": "Core",
				  "fhirVersions": ["4.0.1"],
				  "description": "FHIR R4 core definitions, re-encoded from HAPI FHIR's validation resources"
				}
				""", StandardCharsets.UTF_8);
		System.out.println("Wrote " + written + " resources to " + packageDir);
	}
}
