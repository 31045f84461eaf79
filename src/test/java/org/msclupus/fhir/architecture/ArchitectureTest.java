package org.msclupus.fhir.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layout's promises, checked over the compiled classes: capabilities depend on each other one way only, providers
 * only translate, the clinical and statistical rules are plain Java, and one class touches HAPI's entities.
 */
class ArchitectureTest {

	static final String ROOT = "org.msclupus.fhir";
	/** Plain rules: no HAPI, FHIR model, Spring, JDBC or JPA type. */
	static final String[] RULE_PACKAGES = {ROOT + ".response..", ROOT + ".statistics..", ROOT + ".safety",
			ROOT + ".eligibility", ROOT + ".study", ROOT + ".pooling", ROOT + ".visits", ROOT + ".cdisc"};
	static final String[] FRAMEWORKS = {"ca.uhn..", "org.hl7..", "org.springframework..", "java.sql..",
			"javax.sql..", "jakarta.persistence..", "jakarta.servlet.."};

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages(ROOT);
		assertThat(classes.size()).as("the server's classes were found").isGreaterThan(100);
	}

	@Test
	void capabilitiesHaveNoCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void noProviderCallsAnotherProvider() {
		List<String> crossCalls = new ArrayList<>();
		for (JavaClass provider : classes) {
			if (!isProvider(provider)) {
				continue;
			}
			for (Dependency dependency : provider.getDirectDependenciesFromSelf()) {
				JavaClass target = dependency.getTargetClass();
				if (isProvider(target) && !target.equals(provider)) {
					crossCalls.add(dependency.getDescription());
				}
			}
		}
		assertThat(crossCalls).as("operation providers only translate; shared plumbing lives in "
				+ ROOT + ".operation").isEmpty();
	}

	private static boolean isProvider(JavaClass type) {
		return type.getPackageName().startsWith(ROOT) && type.getSimpleName().endsWith("Provider")
				&& !type.isNestedClass();
	}

	@Test
	void rulesArePlainJava() {
		noClasses().that().resideInAnyPackage(RULE_PACKAGES).should().dependOnClassesThat()
				.resideInAnyPackage(FRAMEWORKS).check(classes);
	}

	@Test
	void onlyTheStorePortTouchesHapisEntities() {
		noClasses().that().resideOutsideOfPackage(ROOT + ".store..").should().dependOnClassesThat()
				.resideInAnyPackage("ca.uhn.fhir.jpa.model.entity..", "ca.uhn.fhir.jpa.entity..").check(classes);
	}

	@Test
	void theServerWiringKnowsNoCapability() {
		noClasses().that().resideInAPackage(ROOT + ".server..").should().dependOnClassesThat()
				.resideInAnyPackage(ROOT + ".audit..", ROOT + ".security..", ROOT + ".conformance..",
						ROOT + ".evaluation..", ROOT + ".study..", ROOT + ".safety..", ROOT + ".eligibility..",
						ROOT + ".store..", ROOT + ".operation..", ROOT + ".cohort..")
				.check(classes);
	}
}
