package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Remembers which shapes of resource the full validator accepted, so that a resource of an accepted shape is stored
 * without validating it again. It only ever accepts: a shape it does not know, or a resource it cannot give a shape,
 * goes to the full validator, which alone refuses (ADR 0021).
 *
 * <p>A shape is the resource with the values that vary from record to record (the resource id, dates and times,
 * quantities and integers, the id in a plain {@code Type/id} reference, an identifier's value) replaced by the class
 * of value the validator cannot tell apart, every other value kept as it is, plus the result of every invariant
 * (FHIRPath constraint) that applies to the resource, evaluated on the resource itself. Two resources of one shape
 * therefore meet the same structure, cardinality, terminology and slicing rules (those read only values kept in the
 * shape), the same invariants (their results are in it) and the same primitive format rules (the classes are chosen
 * narrower than those rules). A value is kept, never replaced, where a profile or data type fixes, patterns, binds,
 * bounds or slices on it. Extensions and contained resources are validated against definitions this class does not
 * read, so a resource with either, or with a resource inside it, has no shape.
 *
 * <p>Bounded: when full, it starts again empty. Definitions can change at run time (a ValueSet or profile written
 * to the server), so {@link #forget()} empties it, and it empties itself as often as HAPI's own validation caches
 * expire, which bounds how long a definition changed on another node can go unnoticed here.
 */
final class AcceptedShapes {

	private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";
	/** As long as HAPI's validation support chain keeps what it looked up. */
	static final long EXPIRY_NANOS = 10L * 60 * 1_000_000_000;

	// The validator's own regular expressions for these types (InstanceValidator.checkPrimitive, core 6.7), less any
	// value it would warn about: years before 1800 and leap seconds are kept out of the classes.
	private static final Pattern DATE_TIME = Pattern.compile(
			"(1[89]|[2-9][0-9])[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
					+ "(\\.[0-9]{1,9})?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?");
	private static final Pattern INSTANT = Pattern.compile(
			"(1[89]|[2-9][0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
					+ "(\\.[0-9]{1,9})?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))");
	private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?");
	private static final Pattern INTEGER = Pattern.compile("-?[1-9][0-9]{0,8}|0");
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	private static final Pattern RELATIVE_REFERENCE = Pattern.compile("([A-Z][A-Za-z]{1,63})/([A-Za-z0-9\\-.]{1,64})");
	/** Printable ASCII without surrounding blanks or markup: nothing the string checks could flag. */
	private static final Pattern PLAIN_TEXT = Pattern.compile("[!-;=?-~]([ -;=?-~]{0,98}[!-;=?-~])?");
	/** A slicing discriminator that names elements only (not {@code resolve()} or {@code extension(...)}). */
	private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");
	private static final Set<String> QUANTITIES = Set.of("Quantity", "Age", "Count", "Distance", "Duration", "Money");
	private static final Set<String> VALUE_CHECKED_IDENTIFIER_SYSTEMS =
			Set.of("urn:ietf:rfc:3986", "https://tools.ietf.org/html/rfc4122");

	private final IValidationSupport validationSupport;
	private final FHIRPathEngine fhirPath;
	private final Set<String> resourceTypes;
	private final int capacity;
	private final Map<String, Optional<Rules>> rulesByDefinition = new ConcurrentHashMap<>();
	private final Set<String> accepted = ConcurrentHashMap.newKeySet();
	private final AtomicLong hits = new AtomicLong();
	private final AtomicLong generation = new AtomicLong();
	private volatile long startedAt = System.nanoTime();

	AcceptedShapes(FhirContext fhirContext, IValidationSupport validationSupport, int capacity) {
		this.validationSupport = validationSupport;
		this.fhirPath = new FHIRPathEngine(new HapiWorkerContext(fhirContext, validationSupport));
		this.resourceTypes = Set.copyOf(fhirContext.getResourceTypes());
		this.capacity = capacity;
	}

	boolean enabled() {
		return capacity > 0;
	}

	/** The shape of a resource about to be validated against these profiles; empty when it cannot have one. */
	Optional<String> shapeOf(Resource resource, Set<String> profileUrls) {
		if (!enabled()) {
			return Optional.empty();
		}
		// The validator also checks the profiles the resource declares, whoever made them.
		Set<String> urls = new LinkedHashSet<>(profileUrls);
		resource.getMeta().getProfile().forEach(p -> urls.add(p.getValue()));
		List<Rules> profiles = new ArrayList<>();
		for (String url : urls) {
			if (url == null) {
				return Optional.empty();
			}
			Optional<Rules> rules = rules(url);
			if (rules.isEmpty()) {
				return Optional.empty();
			}
			profiles.add(rules.get());
		}
		StringBuilder shape = new StringBuilder(512).append(String.join(" ", urls)).append('\n');
		try {
			// The profiles' snapshots hold the resource type's own rules: no type rules at the root.
			new Walk(resource, profiles, shape).element(resource, resource.fhirType(), null, List.of(), false);
		} catch (NoShape | RuntimeException e) {
			// An invariant that does not evaluate here, or something this class does not model: validate in full.
			return Optional.empty();
		}
		return Optional.of(shape.toString());
	}

	boolean isAccepted(String shape) {
		if (System.nanoTime() - startedAt > EXPIRY_NANOS) {
			forget();
			return false;
		}
		boolean known = accepted.contains(shape);
		if (known) {
			hits.incrementAndGet();
		}
		return known;
	}

	/** Taken before validating; {@link #accept} ignores a shape validated across a change of definitions. */
	long generation() {
		return generation.get();
	}

	/** Only for a resource the full validator found no error in, validating since {@code generation}. */
	void accept(String shape, long generation) {
		if (!enabled()) {
			return;
		}
		synchronized (accepted) {
			if (generation != this.generation.get()) {
				return;
			}
			if (accepted.size() >= capacity) {
				accepted.clear();
			}
			accepted.add(shape);
		}
	}

	/** Definitions changed: nothing accepted so far is known to hold any more. */
	void forget() {
		synchronized (accepted) {
			generation.incrementAndGet();
			accepted.clear();
			rulesByDefinition.clear();
			startedAt = System.nanoTime();
		}
	}

	/** Writes stored without validating them again; for tests and diagnostics. */
	long hits() {
		return hits.get();
	}

	static boolean isDefinition(IBaseResource resource) {
		return switch (resource.fhirType()) {
			case "StructureDefinition", "ValueSet", "CodeSystem", "ConceptMap", "NamingSystem" -> true;
			default -> false;
		};
	}

	private Optional<Rules> rules(String url) {
		return rulesByDefinition.computeIfAbsent(url, u -> {
			IBaseResource found = validationSupport.fetchStructureDefinition(u);
			return found instanceof StructureDefinition sd && sd.hasSnapshot()
					? Optional.of(Rules.of(sd, fhirPath))
					: Optional.empty();
		});
	}

	/** The rules of a data type and of the type profiles the definitions name for it. */
	private List<Rules> typeRules(String type, Set<String> typeProfiles) throws NoShape {
		List<Rules> rules = new ArrayList<>(1 + typeProfiles.size());
		rules(CORE + type).ifPresent(rules::add);
		for (String profile : typeProfiles) {
			Optional<Rules> profileRules = rules(profile);
			if (profileRules.isEmpty()) {
				throw new NoShape();
			}
			rules.add(profileRules.get());
		}
		return rules;
	}

	/** What one definition says that matters here, by element path. */
	private record Rules(Map<String, List<Invariant>> invariantsByPath, Set<String> keptPaths,
			Map<String, Set<String>> typeProfilesByPath) {

		static Rules of(StructureDefinition definition, FHIRPathEngine fhirPath) {
			Map<String, List<Invariant>> invariants = new HashMap<>();
			Set<String> kept = new HashSet<>();
			Map<String, Set<String>> typeProfiles = new HashMap<>();
			for (ElementDefinition element : definition.getSnapshot().getElement()) {
				String path = element.getPath();
				for (ElementDefinition.ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
					// ele-1 (a value or children) holds alike for every value of a class: none is empty.
					if (constraint.hasExpression() && !"ele-1".equals(constraint.getKey())) {
						invariants.computeIfAbsent(path, p -> new ArrayList<>()).add(new Invariant(constraint.getKey(),
								fhirPath.parse(constraint.getExpression()), constraint.getExpression().contains("resolve(")));
					}
				}
				if (element.hasFixed() || element.hasPattern() || element.hasBinding() || element.hasMinValue()
						|| element.hasMaxValue() || element.hasMaxLength() || hasValueRule(element)
						|| element.getType().stream().anyMatch(AcceptedShapes::hasValueRule)) {
					kept.add(path);
				}
				if (element.hasSlicing()) {
					for (ElementDefinition.ElementDefinitionSlicingDiscriminatorComponent d
							: element.getSlicing().getDiscriminator()) {
						// A discriminator that is not a plain path (resolve(), extension(...)): keep the whole element.
						kept.add(PLAIN_PATH.matcher(d.getPath()).matches() ? path + "." + d.getPath() : path);
					}
				}
				for (ElementDefinition.TypeRefComponent type : element.getType()) {
					for (CanonicalType profile : type.getProfile()) {
						if (!(CORE + type.getCode()).equals(profile.getValue())) {
							typeProfiles.computeIfAbsent(path, p -> new HashSet<>()).add(profile.getValue());
						}
					}
				}
			}
			return new Rules(invariants, kept, typeProfiles);
		}
	}

	/** Extensions by which a definition constrains a primitive value (those InstanceValidator reads). */
	private static final Set<String> VALUE_RULE_EXTENSIONS = Set.of(
			"http://hl7.org/fhir/StructureDefinition/regex",
			"http://hl7.org/fhir/StructureDefinition/minLength",
			"http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces",
			"http://hl7.org/fhir/StructureDefinition/maxSize",
			"http://hl7.org/fhir/tools/StructureDefinition/elementdefinition-date-rules");

	private static boolean hasValueRule(Element element) {
		return element.getExtension().stream().anyMatch(e -> VALUE_RULE_EXTENSIONS.contains(e.getUrl()));
	}

	/**
	 * @param resolves whether it follows references: the validator resolves them in its own way, so its answer and
	 *     this engine's may differ, and a resource such an invariant applies to has no shape
	 */
	private record Invariant(String key, ExpressionNode expression, boolean resolves) {}

	/** Thrown where the resource holds something a shape cannot stand for. */
	private static final class NoShape extends Exception {
		NoShape() {
			super(null, null, false, false);
		}
	}

	/** One resource, depth first, writing its shape. */
	private final class Walk {

		private final Resource resource;
		private final List<Rules> profiles;
		private final StringBuilder shape;

		Walk(Resource resource, List<Rules> profiles, StringBuilder shape) {
			this.resource = resource;
			this.profiles = profiles;
			this.shape = shape;
		}

		/**
		 * @param profilePath the element's path in the profiles ({@code Observation.value[x].value})
		 * @param typePath its path in its data type ({@code Quantity.value}); null directly under the resource
		 * @param typeRules the rules of the data type and of its type profiles
		 * @param kept whether a fixed value, pattern or slice discriminator covers this element: keep every value
		 */
		void element(Base node, String profilePath, String typePath, List<Rules> typeRules, boolean kept)
				throws NoShape {
			invariants(node, profilePath, typePath, typeRules);
			if (node instanceof Narrative narrative) {
				// The XHTML is no child property of the R4 model; it is kept as it is.
				String div = narrative.getDivAsString();
				shape.append("<div>").append(div.length()).append(':').append(div);
			}
			for (Property property : node.children()) {
				if (!property.hasValues()) {
					continue;
				}
				String name = property.getName();
				if (name.equals("extension") || name.equals("modifierExtension") || name.equals("contained")) {
					throw new NoShape();
				}
				String childProfilePath = profilePath + "." + name;
				String childTypePath = typePath == null ? null : typePath + "." + name;
				boolean childKept = kept || isKept(childProfilePath, childTypePath, typeRules);
				shape.append('(').append(name);
				for (Base value : property.getValues()) {
					if (value instanceof Resource) {
						// A resource inside this one (a Bundle entry, a Parameters part): the validator takes it as
						// a resource of its own, with its own %resource, which a shape does not model.
						throw new NoShape();
					}
					if (value.isPrimitive()) {
						primitive(node, name, value, childProfilePath, childTypePath, typeRules, childKept);
					} else {
						String type = value.fhirType();
						shape.append('{').append(type);
						if (type.indexOf('.') < 0) {
							// A data type: its own rules, and those of any type profile the definitions name for it.
							Set<String> named = new HashSet<>();
							profiles.forEach(p -> named.addAll(p.typeProfilesByPath().getOrDefault(childProfilePath, Set.of())));
							typeRules.forEach(t -> named.addAll(t.typeProfilesByPath().getOrDefault(childTypePath, Set.of())));
							element(value, childProfilePath, type, typeRules(type, named), childKept);
						} else {
							element(value, childProfilePath, childTypePath, typeRules, childKept);
						}
						shape.append('}');
					}
				}
				shape.append(')');
			}
		}

		private void primitive(Base parent, String name, Base value, String profilePath, String typePath,
				List<Rules> parentTypeRules, boolean kept) throws NoShape {
			if (value instanceof Element element) {
				if (element.hasExtension()) {
					throw new NoShape();
				}
				if (element.hasId()) {
					shape.append("#").append(element.getId().length()).append(':').append(element.getId());
				}
			}
			String type = value.fhirType();
			invariants(value, profilePath, typePath, parentTypeRules);
			Optional<Rules> primitiveRules = rules(CORE + type);
			if (primitiveRules.isPresent()) {
				evaluate(value, primitiveRules.get().invariantsByPath().get(type));
			}
			String text = parent == resource && name.equals("id")
					? resource.getIdElement().getIdPart()
					: value.primitiveValue();
			if (text == null) {
				shape.append("=null");
				return;
			}
			// For these identifier systems the validator checks the value's form.
			boolean checkedIdentifier = parent instanceof Identifier identifier
					&& VALUE_CHECKED_IDENTIFIER_SYSTEMS.contains(identifier.getSystem());
			String kind = kept || checkedIdentifier ? null
					: valueClass(type, parent.fhirType(), name, parent == resource, text);
			if (kind != null) {
				shape.append('~').append(kind);
			} else {
				shape.append('=').append(text.length()).append(':').append(text);
			}
		}

		private boolean isKept(String profilePath, String typePath, List<Rules> typeRules) {
			for (Rules profile : profiles) {
				if (profile.keptPaths().contains(profilePath)) {
					return true;
				}
			}
			if (typePath != null) {
				for (Rules type : typeRules) {
					if (type.keptPaths().contains(typePath)) {
						return true;
					}
				}
			}
			return false;
		}

		private void invariants(Base focus, String profilePath, String typePath, List<Rules> typeRules) {
			for (Rules profile : profiles) {
				evaluate(focus, profile.invariantsByPath().get(profilePath));
			}
			String ownPath = typePath == null ? focus.fhirType() : typePath;
			for (Rules type : typeRules) {
				evaluate(focus, type.invariantsByPath().get(ownPath));
			}
		}

		private void evaluate(Base focus, List<Invariant> invariants) {
			if (invariants == null) {
				return;
			}
			for (Invariant invariant : invariants) {
				if (invariant.resolves()) {
					throw new IllegalStateException("invariant " + invariant.key() + " resolves references");
				}
				List<Base> result;
				// HAPI's R4 engine keeps a log per evaluation in a field: one evaluation at a time.
				synchronized (fhirPath) {
					result = fhirPath.evaluate(null, resource, resource, focus, invariant.expression());
				}
				shape.append('!').append(invariant.key()).append('=');
				for (Base item : result) {
					String text = String.valueOf(item.isPrimitive() ? item.primitiveValue() : item.fhirType());
					shape.append(text.length()).append(':').append(text).append(',');
				}
			}
		}
	}

	/**
	 * The class of a value that the validator's checks cannot tell apart from any other value of the class, or null
	 * when the value must be kept as it is. Numbers and dates are replaced only where the validator's checks of the
	 * data type around them do not read them (an Attachment's size is compared with its data, say): directly in a
	 * resource or one of its parts, in a quantity, a period or a resource's meta.
	 */
	String valueClass(String type, String parentType, String name, boolean resourceId, String value) {
		if (resourceId) {
			return ID.matcher(value).matches() ? "id" : null;
		}
		boolean inResource = parentType.indexOf('.') >= 0 || resourceTypes.contains(parentType);
		switch (type) {
			case "decimal":
				return (inResource || QUANTITIES.contains(parentType)) && DECIMAL.matcher(value).matches()
						? "decimal" : null;
			case "integer", "positiveInt", "unsignedInt":
				return inResource && INTEGER.matcher(value).matches()
						? "integer" + Integer.signum(Integer.parseInt(value)) : null;
			case "dateTime":
				return (inResource || parentType.equals("Period")) && DATE_TIME.matcher(value).matches()
						&& isCalendarDate(value) ? "dateTime:" + digitsAsZero(value) : null;
			case "instant":
				return (inResource || parentType.equals("Meta")) && INSTANT.matcher(value).matches()
						&& isCalendarDate(value) ? "instant:" + digitsAsZero(value) : null;
			case "date":
				return inResource && DATE_TIME.matcher(value).matches() && value.length() <= 10 && isCalendarDate(value)
						? "date:" + digitsAsZero(value)
						: null;
			case "string":
				if (parentType.equals("Reference") && name.equals("reference")) {
					var reference = RELATIVE_REFERENCE.matcher(value);
					return reference.matches() && resourceTypes.contains(reference.group(1))
							? "reference:" + reference.group(1)
							: null;
				}
				if (parentType.equals("Identifier") && name.equals("value")) {
					return PLAIN_TEXT.matcher(value).matches() ? "string" : null;
				}
				return null;
			default:
				return null;
		}
	}

	/** A date of the calendar (no 30 February); the patterns have checked everything else. */
	private static boolean isCalendarDate(String value) {
		if (value.length() < 10) {
			return true;
		}
		try {
			LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(5, 7)),
					Integer.parseInt(value.substring(8, 10)));
			return true;
		} catch (DateTimeException e) {
			return false;
		}
	}

	/** Keeps the precision and the form of the time zone, not the date. */
	private static String digitsAsZero(String value) {
		char[] chars = value.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			if (chars[i] >= '0' && chars[i] <= '9') {
				chars[i] = '0';
			}
		}
		return new String(chars);
	}
}
