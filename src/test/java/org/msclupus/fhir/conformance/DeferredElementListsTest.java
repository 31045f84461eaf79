package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r5.model.Base;
import org.hl7.fhir.r5.model.ElementDefinition;
import org.hl7.fhir.r5.model.Property;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator's copies of FHIR's definitions with element lists converted when first read (ADR 0032) must be
 * exactly the copies HAPI makes, whichever way their elements are reached, and HAPI's worker context must use them.
 * That the validator's verdicts do not change is {@code ReusingInstanceValidatorTest}'s.
 */
class DeferredElementListsTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String OBSERVATION = ValidatorStructures.CORE_BASE + "Observation";
	static final org.hl7.fhir.r5.formats.JsonParser R5_JSON = new org.hl7.fhir.r5.formats.JsonParser();

	private final VersionCanonicalizer canonicalizer = new VersionCanonicalizer(FHIR);

	/** Preparing a definition marks it for good, and what CoreDefinitions parses is shared by the JVM: start afresh. */
	@BeforeEach
	void freshDefinitions() {
		new CoreDefinitions(FHIR).flush();
	}

	private static org.hl7.fhir.r4.model.StructureDefinition r4(String url) {
		return (org.hl7.fhir.r4.model.StructureDefinition) new CoreDefinitions(FHIR).fetchStructureDefinition(url);
	}

	private StructureDefinition prepared(org.hl7.fhir.r4.model.StructureDefinition r4) {
		new DeferredElementLists(canonicalizer).prepare(r4);
		return (StructureDefinition) r4.getUserData(DeferredElementLists.CANONICAL_COPY_KEY);
	}

	@Test
	void everyDefinitionOfFhirsOnceReadIsTheCopyHapiMakes() throws IOException {
		List<org.hl7.fhir.r4.model.StructureDefinition> all = new CoreDefinitions(FHIR).fetchAllStructureDefinitions();
		assertThat(all).hasSizeGreaterThan(600);
		for (org.hl7.fhir.r4.model.StructureDefinition r4 : all) {
			StructureDefinition hapis = (StructureDefinition) canonicalizer.resourceToValidatorCanonical(r4);
			StructureDefinition ours = prepared(r4);
			assertThat(ours).as(r4.getUrl()).isNotNull();
			assertThat(DeferredElementLists.deferred(ours)).as(r4.getUrl()).isTrue();
			// What enumerating callers read, answered without converting the elements.
			assertThat(ours.hasSnapshot()).isEqualTo(hapis.hasSnapshot());
			assertThat(ours.hasDifferential()).as(r4.getUrl()).isEqualTo(hapis.hasDifferential());
			assertThat(ours.getSnapshot().hasElement()).isEqualTo(hapis.getSnapshot().hasElement());
			assertThat(ours.getSnapshot().isEmpty()).isEqualTo(hapis.getSnapshot().isEmpty());
			assertThat(ours.getDifferential().hasElement()).isEqualTo(hapis.getDifferential().hasElement());
			assertThat(Arrays.asList(ours.getName(), ours.getType(), ours.getKind(), ours.getDerivation(), ours.getAbstract()))
					.isEqualTo(Arrays.asList(hapis.getName(), hapis.getType(), hapis.getKind(), hapis.getDerivation(),
							hapis.getAbstract()));
			assertThat(ours.getSourcePackage().getId()).isEqualTo("hl7.fhir.r4.core");
			assertThat(DeferredElementLists.deferred(ours)).as("still deferred: %s", r4.getUrl()).isTrue();

			assertThat(ours.equalsDeep(hapis)).as(r4.getUrl()).isTrue();
			assertThat(R5_JSON.composeString(ours)).as(r4.getUrl()).isEqualTo(R5_JSON.composeString(hapis));
			assertThat(DeferredElementLists.deferred(ours)).isFalse();
			assertThat(ours.getSnapshot().getElement()).hasSameSizeAs(hapis.getSnapshot().getElement());
			assertThat(ours.getDifferential().getElement()).hasSameSizeAs(hapis.getDifferential().getElement());
		}
	}

	/** Every route by which a caller can reach a component's elements. */
	enum Route {
		GET_ELEMENT(c -> c.getSnapshot().getElement().size()),
		FIRST_REP(c -> c.getSnapshot().getElementFirstRep().getPath()),
		BY_PATH(c -> c.getSnapshot().getElementByPath("Observation.value[x]").getId()),
		BY_ID(c -> c.getSnapshot().getElementById("Observation.component.code").getPath()),
		CHILDREN(c -> c.getSnapshot().children().stream()
				.filter(p -> p.getName().equals("element")).findFirst().map(Property::getValues).map(List::size)
				.orElse(-1)),
		NAMED_PROPERTY(c -> c.getDifferential().getNamedProperty("element").getValues().size()),
		GET_PROPERTY(c -> c.getSnapshot().getProperty("element".hashCode(), "element", false).length),
		COPY(c -> c.getSnapshot().copy().getElement().size()),
		WHOLE_COPY(c -> c.copy().getDifferential().getElement().size()),
		ADD(c -> {
			c.getDifferential().addElement().setPath("Observation.extra");
			return c.getDifferential().getElement().stream().map(ElementDefinition::getPath).toList();
		}),
		DIFFERENTIAL(c -> c.getDifferential().getElement().stream().map(ElementDefinition::getId).toList());

		final Function<StructureDefinition, Object> read;

		Route(Function<StructureDefinition, Object> read) {
			this.read = read;
		}
	}

	/**
	 * Every method the model's components declare is either overridden to convert first or known not to read the
	 * element list directly; a new method in a later HAPI release fails here until it is looked at.
	 */
	@ParameterizedTest
	@ValueSource(classes = {StructureDefinition.StructureDefinitionSnapshotComponent.class,
			StructureDefinition.StructureDefinitionDifferentialComponent.class})
	void everyMethodOfTheComponentsIsCoveredOrKnownNotToReadTheElements(Class<?> component) {
		Class<?> deferred = component == StructureDefinition.StructureDefinitionSnapshotComponent.class
				? DeferredElementLists.DeferredSnapshot.class
				: DeferredElementLists.DeferredDifferential.class;
		// fhirType and getTypesForProperty do not touch the list; copy goes through copyValues, the lookups by path
		// and by id through getElement.
		Set<String> throughOthers = Set.of("fhirType", "getTypesForProperty", "copy", "getElementByPath", "getElementById");
		List<String> uncovered = new ArrayList<>();
		for (Method method : component.getDeclaredMethods()) {
			if (method.isSynthetic() || Modifier.isStatic(method.getModifiers())
					|| Modifier.isPrivate(method.getModifiers()) || throughOthers.contains(method.getName())) {
				continue;
			}
			try {
				deferred.getDeclaredMethod(method.getName(), method.getParameterTypes());
			} catch (NoSuchMethodException e) {
				uncovered.add(method.toString());
			}
		}
		assertThat(uncovered).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Route.class)
	void eachWayToTheElementsReadsWhatHapisCopyHolds(Route route) {
		org.hl7.fhir.r4.model.StructureDefinition r4 = r4(OBSERVATION);
		StructureDefinition hapis = (StructureDefinition) canonicalizer.resourceToValidatorCanonical(r4);
		StructureDefinition ours = prepared(r4);
		assertThat(route.read.apply(ours)).isEqualTo(route.read.apply(hapis));
		assertThat(DeferredElementLists.deferred(ours)).isFalse();
	}

	@Test
	void hapisWorkerContextUsesTheDeferredCopy() {
		CoreDefinitions core = new CoreDefinitions(FHIR);
		IValidationSupport validatorSupport =
				new ValidatorStructures(ProfileRulesTest.standaloneChain(core), core);
		WorkerContextValidationSupportAdapter context = new NamedTypesWorkerContext(validatorSupport);

		StructureDefinition observation = context.fetchResource(StructureDefinition.class, OBSERVATION);
		assertThat(observation).isSameAs(core.fetchStructureDefinition(OBSERVATION) instanceof
				org.hl7.fhir.r4.model.StructureDefinition r4 ? r4.getUserData(DeferredElementLists.CANONICAL_COPY_KEY) : null);
		assertThat(DeferredElementLists.deferred(observation)).isTrue();
		// HAPI's list of all definitions holds the same copies, still deferred.
		List<StructureDefinition> listed = context.fetchResourcesByType(StructureDefinition.class);
		assertThat(listed).contains(observation);
		assertThat(listed.stream().filter(DeferredElementLists::deferred).count()).isGreaterThan(200);
		assertThat(context.isPrimitiveType("dateTime")).isTrue();
		assertThat(DeferredElementLists.deferred(observation)).isTrue();
	}

	/**
	 * The converter reads every list through getters that create the empty lists they do not find; run on the shared
	 * R4 definitions, that left some 12 MB of empty lists live. Listing and converting leave them as parsed.
	 */
	@Test
	void theSharedR4DefinitionsAreLeftAsParsed() throws ReflectiveOperationException {
		CoreDefinitions core = new CoreDefinitions(FHIR);
		List<org.hl7.fhir.r4.model.StructureDefinition> base = core.fetchStructureDefinitions(CoreDefinitions.Entry::base);
		long listsBefore = listsCreated(base);
		WorkerContextValidationSupportAdapter context =
				new NamedTypesWorkerContext(new ValidatorStructures(ProfileRulesTest.standaloneChain(core), core));

		context.fetchResourcesByType(StructureDefinition.class);
		context.fetchResource(StructureDefinition.class, OBSERVATION).getSnapshot().getElement();

		assertThat(listsCreated(base)).isEqualTo(listsBefore);
		assertThat(DeferredElementLists.deferred(context.fetchResource(StructureDefinition.class, OBSERVATION))).isFalse();
	}

	/** How many list fields of the definitions' elements hold a list (the model leaves a list it never needed null). */
	private static long listsCreated(List<org.hl7.fhir.r4.model.StructureDefinition> definitions)
			throws ReflectiveOperationException {
		List<java.lang.reflect.Field> listFields = new ArrayList<>();
		for (Class<?> type = org.hl7.fhir.r4.model.ElementDefinition.class; type != Object.class;
				type = type.getSuperclass()) {
			for (java.lang.reflect.Field field : type.getDeclaredFields()) {
				if (List.class.isAssignableFrom(field.getType())) {
					field.setAccessible(true);
					listFields.add(field);
				}
			}
		}
		long created = 0;
		for (org.hl7.fhir.r4.model.StructureDefinition definition : definitions) {
			for (org.hl7.fhir.r4.model.ElementDefinition element : definition.getSnapshot().getElement()) {
				for (java.lang.reflect.Field field : listFields) {
					created += field.get(element) == null ? 0 : 1;
				}
			}
		}
		assertThat(listFields).hasSizeGreaterThan(8); // alias, code, constraint, extension, mapping, type, …
		return created;
	}

	/** The point: a trial's resources leave most of FHIR's definitions unconverted. */
	@Test
	void validatingTheTrialsResourcesConvertsTheElementsOfFewDefinitions() throws IOException {
		CoreDefinitions core = new CoreDefinitions(FHIR);
		IValidationSupport chain = ProfileRulesTest.standaloneChain(core);
		ReusingInstanceValidator module = new ReusingInstanceValidator(chain, core, 1, 1_000);
		FhirValidator validator = FHIR.newValidator();
		validator.registerValidatorModule(module);
		TrialProfiles profiles = new TrialProfiles(ConformanceResources.loadFromClasspath(FHIR));
		List<Resource> examples;
		try (Stream<Path> files = Files.list(Path.of("profiles/examples/valid"))) {
			examples = files.filter(f -> f.toString().endsWith(".json")).sorted()
					.map(ReusingInstanceValidatorTest::parse).toList();
		}
		for (Resource example : examples) {
			ValidationOptions options = new ValidationOptions();
			profiles.profilesFor(example).forEach(options::addProfile);
			assertThat(validator.validateWithResult(example, options).isSuccessful()).as(example.getIdPart()).isTrue();
		}
		List<org.hl7.fhir.r4.model.StructureDefinition> base = core.fetchStructureDefinitions(CoreDefinitions.Entry::base);
		long converted = base.stream()
				.map(r4 -> (StructureDefinition) r4.getUserData(DeferredElementLists.CANONICAL_COPY_KEY))
				.filter(copy -> copy != null && !DeferredElementLists.deferred(copy))
				.count();
		assertThat(examples).hasSizeGreaterThan(10);
		assertThat(converted).as("base definitions whose elements were converted, of %d", base.size())
				.isPositive()
				.isLessThan(base.size() / 4); // 27 of 210 on the day it was written
	}

	@Test
	void threadsReadingAtOnceShareOneConversion() throws Exception {
		StructureDefinition ours = prepared(r4(OBSERVATION));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Callable<List<ElementDefinition>>> readers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				readers.add(i % 2 == 0 ? () -> ours.getSnapshot().getElement() : () -> ours.getDifferential().getElement());
			}
			List<Future<List<ElementDefinition>>> lists = threads.invokeAll(readers);
			for (int i = 0; i < lists.size(); i++) {
				assertThat(lists.get(i).get()).isSameAs(i % 2 == 0
						? ours.getSnapshot().getElement()
						: ours.getDifferential().getElement());
			}
		} finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aDefinitionWithoutSnapshotIsLeftToHapi() {
		org.hl7.fhir.r4.model.StructureDefinition noSnapshot = r4(OBSERVATION).copy();
		noSnapshot.setSnapshot(null);
		new DeferredElementLists(canonicalizer).prepare(noSnapshot);
		assertThat(noSnapshot.getUserData(DeferredElementLists.CANONICAL_COPY_KEY)).isNull();
		Base notADefinition = new org.hl7.fhir.r5.model.Patient();
		new DeferredElementLists(canonicalizer).prepare(notADefinition);
	}
}
