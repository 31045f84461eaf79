package org.msclupus.fhir.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.PlainJava;
import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.design.Visit;

/**
 * The layout's promises, checked over the compiled classes. Nothing here lists capabilities by hand: a capability is a
 * top-level package; its rules are the package itself, marked {@link PlainJava}; its adapter is its {@code operation}
 * subpackage (or {@code fhir}, for the study design's). Packages have no cycles, plain packages use no framework,
 * no capability's adapter reaches into another's, providers only translate, and each design concept (which visit a
 * value belongs to, day 0, the arms) is decided in one place.
 */
class ArchitectureTest {

	static final String ROOT = "org.msclupus.fhir";
	static final String[] FRAMEWORKS = {"ca.uhn..", "org.hl7..", "org.springframework..", "java.sql..",
			"javax.sql..", "jakarta.persistence..", "jakarta.servlet.."};
	static final Set<String> ADAPTER_PACKAGES = Set.of("operation", "fhir");

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages(ROOT);
		assertThat(classes.size()).as("the server's classes were found").isGreaterThan(100);
	}

	/** The top-level package a class is in ({@code response} for {@code org.msclupus.fhir.response.operation}). */
	static String capabilityOf(JavaClass type) {
		String rest = type.getPackageName().startsWith(ROOT + ".") ? type.getPackageName().substring(ROOT.length() + 1)
				: "";
		return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
	}

	/** Whether the class is in a capability's adapter ({@code <capability>.operation} or {@code .fhir}, and below). */
	static boolean inAdapter(JavaClass type) {
		String[] parts = type.getPackageName().substring(Math.min(type.getPackageName().length(), ROOT.length() + 1))
				.split("\\.");
		return parts.length >= 2 && ADAPTER_PACKAGES.contains(parts[1]);
	}

	static Set<String> plainPackages() {
		Set<String> plain = new TreeSet<>();
		classes.stream().filter(c -> c.getSimpleName().equals("package-info"))
				.filter(c -> c.isAnnotatedWith(PlainJava.class)).forEach(c -> plain.add(c.getPackageName()));
		return plain;
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void everyCapabilityWithAnAdapterKeepsItsRulesPlain() {
		Set<String> withAdapter = new TreeSet<>();
		classes.stream().filter(ArchitectureTest::inAdapter).forEach(c -> withAdapter.add(ROOT + "." + capabilityOf(c)));
		Set<String> plain = plainPackages();
		assertThat(withAdapter).as("capabilities found").hasSizeGreaterThan(5);
		assertThat(plain).as("each capability with an adapter marks its own package @PlainJava")
				.containsAll(withAdapter);
	}

	@Test
	void plainPackagesUseNoFramework() {
		String[] plain = plainPackages().toArray(String[]::new);
		assertThat(plain).contains(ROOT + ".design", ROOT + ".response", ROOT + ".statistics");
		noClasses().that().resideInAnyPackage(plain).and().doNotHaveSimpleName("package-info").should()
				.dependOnClassesThat().resideInAnyPackage(FRAMEWORKS).check(classes);
	}

	@Test
	void noCapabilitysAdapterReachesIntoAnothers() {
		List<String> crossings = new ArrayList<>();
		for (JavaClass type : classes) {
			if (!inAdapter(type)) {
				continue;
			}
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				JavaClass target = dependency.getTargetClass();
				if (target.getPackageName().startsWith(ROOT) && inAdapter(target)
						&& !capabilityOf(target).equals(capabilityOf(type))
						&& !capabilityOf(target).equals("design")) {
					crossings.add(dependency.getDescription());
				}
			}
		}
		assertThat(crossings).as("an adapter uses the shared ports (records, store, operation, design.fhir), "
				+ "never another capability's adapter").isEmpty();
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
				&& !type.isNestedClass() && !type.isInterface();
	}

	/** Providers translate between FHIR and the rules; a long one is doing the rules' or the plumbing's work. */
	@Test
	void providersStayShort() throws IOException {
		List<String> long_ = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Provider.java")).toList()) {
				long lines = Files.lines(file).count();
				if (lines > 150) {
					long_.add(file.getFileName() + ": " + lines + " lines");
				}
			}
		}
		assertThat(long_).as("providers over 150 lines").isEmpty();
	}

	/**
	 * README's layout names every top-level package and every plain one in its list of plain rule packages, so a
	 * newcomer reading it finds each capability where the tree has it.
	 */
	@Test
	void readmesLayoutNamesEveryPackage() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String layout = readme.substring(readme.indexOf("## Layout"));
		layout = layout.substring(0, layout.indexOf("\n## ", 1) < 0 ? layout.length() : layout.indexOf("\n## ", 1));
		Set<String> missing = new TreeSet<>();
		Set<String> notListedPlain = new TreeSet<>();
		try (Stream<Path> dirs = Files.list(Path.of("src/main/java", ROOT.split("\\.")))) {
			for (Path dir : dirs.filter(Files::isDirectory).toList()) {
				if (!layout.contains("  " + dir.getFileName() + "/ ")) {
					missing.add(dir.getFileName().toString());
				}
			}
		}
		for (String plain : plainPackages()) {
			String name = plain.substring(ROOT.length() + 1);
			if (!layout.contains("`" + name + "`")) {
				notListedPlain.add(name);
			}
		}
		assertThat(missing).as("packages the README layout does not name").isEmpty();
		assertThat(notListedPlain).as("plain packages missing from the README's list of them").isEmpty();
	}

	/** Which visit a dated value belongs to is decided by design.VisitAttribution, from the visits' own windows. */
	@Test
	void visitWindowsAreReadOnlyByTheVisitAttribution() {
		noClasses().that().resideOutsideOfPackage(ROOT + ".design").should().callMethod(Visit.class, "before", int.class)
				.orShould().callMethod(Visit.class, "after", int.class).orShould().callMethod(Visit.class, "windowBefore")
				.orShould().callMethod(Visit.class, "windowAfter").check(classes);
	}

	/** Day 0 is decided by design.Day0: nobody else asks which infusion completed. */
	@Test
	void dayZeroIsDecidedOnlyByDay0() {
		noClasses().that().resideOutsideOfPackage(ROOT + ".design").should().callMethod(Infusion.class, "completed")
				.check(classes);
	}

	/** A study's arms, and the arm a subject actually had, are read from FHIR by design.fhir.StudyDesigns only. */
	@Test
	void armsAreReadOnlyByTheStudyDesign() {
		noClasses().that().resideOutsideOfPackage(ROOT + ".design.fhir").should()
				.callMethod(ResearchStudy.class, "getArm").orShould().callMethod(ResearchSubject.class, "getActualArm")
				.orShould().callMethod(ResearchSubject.class, "hasActualArm").check(classes);
	}

	/** A study's schedule is read (from its protocol or its visit-schedule code) by design.fhir only. */
	@Test
	void schedulesAreReadOnlyByTheStudyDesign() {
		noClasses().that().resideOutsideOfPackage(ROOT + ".design.fhir").should()
				.callMethod(ResearchStudy.class, "getProtocol").orShould().callMethod(ResearchStudy.class, "hasProtocol")
				.check(classes);
	}

	@Test
	void onlyTheStorePortTouchesHapisEntities() {
		noClasses().that().resideOutsideOfPackage(ROOT + ".store..").should().dependOnClassesThat()
				.resideInAnyPackage("ca.uhn.fhir.jpa.model.entity..", "ca.uhn.fhir.jpa.entity..").check(classes);
	}

	/** The HAPI wiring knows no capability: every other top-level package is out of its reach. */
	@Test
	void theServerWiringKnowsNoCapability() {
		Set<String> others = new TreeSet<>();
		classes.stream().map(ArchitectureTest::capabilityOf).filter(c -> !c.isEmpty() && !c.equals("server"))
				.forEach(c -> others.add(ROOT + "." + c + ".."));
		noClasses().that().resideInAPackage(ROOT + ".server..").should().dependOnClassesThat()
				.resideInAnyPackage(others.toArray(String[]::new)).check(classes);
	}
}
