package org.msclupus.fhir.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OperationParam;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every trial operation against its published OperationDefinition (profiles/generated), its docs page and its line
 * in README, found from the compiled providers: no list to keep by hand. The provider must take exactly the
 * definition's input parameters, on the resource and at the level the definition gives.
 */
class OperationContractTest {

	static OperationCatalog catalog;

	@BeforeAll
	static void findProviders() {
		List<Class<?>> providers = new ClassFileImporter()
				.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.msclupus.fhir")
				.stream().filter(c -> c.isAssignableTo(TrialOperationProvider.class) && !c.isInterface())
				.<Class<?>>map(c -> c.reflect()).toList();
		catalog = new OperationCatalog(providers);
		assertThat(catalog.entries()).as("operations found").hasSizeGreaterThanOrEqualTo(9);
	}

	@Test
	void everyOperationTakesExactlyItsDefinitionsParameters() throws IOException {
		for (OperationCatalog.Entry operation : catalog.entries()) {
			OperationDefinition definition = definition(operation.definitionId());
			assertThat(operation.name()).as(operation.definitionId()).isEqualTo("$" + definition.getCode());
			assertThat(operation.canonicalUrl()).isEqualTo(definition.getUrl());
			if (operation.level() == OperationCatalog.Level.SERVER) {
				assertThat(definition.getSystem()).as("%s is system-level", operation.name()).isTrue();
				assertThat(definition.getResource()).isEmpty();
			} else {
				// one definition may cover several types ($verify): each served type is one it names
				assertThat(definition.getResource()).as(operation.definitionId()).extracting(r -> r.getValue())
						.contains(operation.resourceType().getSimpleName());
				assertThat(operation.level() == OperationCatalog.Level.INSTANCE ? definition.getInstance()
						: definition.getType()).as("%s at %s level", operation.definitionId(), operation.level())
						.isTrue();
			}
			List<String> declared = definition.getParameter().stream()
					.filter(p -> p.getUse() == OperationParameterUse.IN)
					.map(p -> p.getName() + " " + p.getMin() + ".." + p.getMax() + " " + p.getType()).toList();
			List<String> implemented = Arrays.stream(operation.method().getParameters())
					.filter(p -> p.isAnnotationPresent(OperationParam.class)).map(OperationContractTest::describe)
					.toList();
			assertThat(implemented).as(operation.definitionId()).isEqualTo(declared);
		}
	}

	/** An operation published on several resource types is served on every one of them. */
	@Test
	void everyResourceADefinitionNamesIsServed() throws IOException {
		Set<String> definitions = new TreeSet<>();
		catalog.entries().forEach(e -> definitions.add(e.definitionId()));
		for (String id : definitions) {
			Set<String> served = new TreeSet<>();
			catalog.entries().stream().filter(e -> e.definitionId().equals(id) && e.resourceType() != null)
					.forEach(e -> served.add(e.resourceType().getSimpleName()));
			Set<String> named = new TreeSet<>();
			definition(id).getResource().forEach(r -> named.add(r.getValue()));
			assertThat(served).as(id).isEqualTo(named);
		}
	}

	/** Each published trial OperationDefinition is served, and each served operation is published. */
	@Test
	void everyPublishedDefinitionIsServed() throws IOException {
		Set<String> published = new TreeSet<>();
		try (Stream<Path> files = Files.list(Path.of("profiles/generated"))) {
			files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("OperationDefinition-"))
					.forEach(n -> published.add(n.substring("OperationDefinition-".length(), n.length() - 5)));
		}
		Set<String> served = new TreeSet<>();
		catalog.entries().forEach(e -> served.add(e.definitionId()));
		assertThat(served).isEqualTo(published);
	}

	/** An operation gets its page in docs/operations and a line in README's operation list. */
	@Test
	void everyOperationHasItsPageAndItsReadmeLine() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		for (OperationCatalog.Entry operation : catalog.entries()) {
			String page = "docs/operations/" + operation.name().substring(1) + ".md";
			assertThat(Path.of(page)).as(operation.name()).exists();
			assertThat(readme).as("README links %s", page).contains("(" + page + ")");
		}
	}

	private static OperationDefinition definition(String id) throws IOException {
		return FhirContext.forR4Cached().newJsonParser().parseResource(OperationDefinition.class,
				Files.readString(Path.of("profiles/generated/OperationDefinition-" + id + ".json")));
	}

	private static String describe(Parameter parameter) {
		OperationParam p = parameter.getAnnotation(OperationParam.class);
		String max = p.max() == OperationParam.MAX_UNLIMITED ? "*" : String.valueOf(p.max());
		// A parameter made of parts has no type, in the annotation ("") as in the definition (null).
		return p.name() + " " + p.min() + ".." + max + " " + (p.typeName().isEmpty() ? null : p.typeName());
	}
}
