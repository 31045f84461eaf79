package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.util.ClasspathUtil;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * FHIR R4's own definitions (resources, data types, FHIR's profiles and extensions, its code systems and value
 * sets), each parsed when it is first asked for. It stands in for HAPI's {@link DefaultProfileValidationSupport},
 * which parses all of them (about 100 MB of heap, 4 s of processor) at the first lookup of any and keeps them for the
 * life of the JVM, though a trial's resources use a few dozen. ADR 0026.
 *
 * <p>What each lookup answers is HAPI's: the same files ({@link CoreDefinitionsSplitter} splits them at build time),
 * the same URL forms, the same version rule for code systems and value sets, the same package marks.
 * {@link #fetchAllStructureDefinitions()} still answers all of them, those other than base definitions parsed anew
 * at each call and not kept here;
 * {@link #fetchStructureDefinitions(Predicate)} answers some (the base definitions) without parsing the others.
 */
public class CoreDefinitions extends DefaultProfileValidationSupport {

	static final String ROOT = "/fhir-r4-core/";
	static final String INDEX = "index.tsv";
	static final String INDEX_HEADER = "# R4 definitions split from HAPI FHIR ";
	private static final String STORAGE_RESPONSE_CODES = "ca/uhn/fhir/context/support/HapiFhirStorageResponseCode.json";
	/** What HAPI marks its R4 definitions with, for the validator to tell which package one came from. */
	private static final String PACKAGE = "hl7.fhir.r4";

	enum Kind { STRUCTURE_DEFINITION, CODE_SYSTEM, VALUE_SET }

	/** One resource of the split: what it is, its canonical URL, whether it is a base definition, its id, its file. */
	record Entry(Kind kind, String url, boolean base, String id, String file) {

		Entry withFile(String name) {
			return new Entry(kind, url, base, id, name);
		}

		String toLine() {
			return String.join("\t", kind.name(), url, base ? "base" : "-", Objects.toString(id, ""), file);
		}

		static Entry parse(String line) {
			String[] parts = line.split("\t", -1);
			return new Entry(Kind.valueOf(parts[0]), parts[1], parts[2].equals("base"),
					parts[3].isEmpty() ? null : parts[3], parts[4]);
		}
	}

	/**
	 * What has been parsed, shared by every instance in the JVM (HAPI's chain, each FhirContext's own support, every
	 * test's context), as HAPI shares its default support's maps: R4 model objects do not belong to a FhirContext.
	 */
	private static final Map<Entry, IBaseResource> PARSED = new ConcurrentHashMap<>();
	private static volatile IBaseResource storageResponseCodes;

	private final FhirContext fhir;

	public CoreDefinitions(FhirContext fhir) {
		super(fhir);
		this.fhir = fhir;
		index(Kind.STRUCTURE_DEFINITION); // a build without the split fails here, at start-up, saying why
	}

	/** Read once per JVM, at the first instance. */
	private static final class Index {
		static final Map<Kind, Map<String, Entry>> BY_KIND = readIndex();
	}

	private static Map<String, Entry> index(Kind kind) {
		return Index.BY_KIND.get(kind);
	}

	/**
	 * What the FhirContext itself offers as its validation support (FHIRPath's R4 engine, the search parameter
	 * extractor): HAPI's default composition, with these definitions in place of its default support's, listing the
	 * base definitions only. That engine enumerates the list once to know the types and keeps those it uses; a list
	 * of all would be kept whole by the chain's cache. Profiles and extensions are still found by URL.
	 */
	public static IValidationSupport contextSupport(FhirContext fhir) {
		CoreDefinitions core = new CoreDefinitions(fhir);
		IValidationSupport baseListed = new BaseValidationSupportWrapper(fhir, core) {
			@Override
			public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
				return core.fetchStructureDefinitions(Entry::base);
			}

			@Override
			public String getName() {
				return core.getName() + " (base definitions listed)";
			}
		};
		return new ValidationSupportChain(baseListed, new InMemoryTerminologyServerValidationSupport(fhir),
				new CommonCodeSystemsTerminologyService(fhir), new SnapshotGeneratingValidationSupport(fhir));
	}

	private static Map<Kind, Map<String, Entry>> readIndex() {
		Map<Kind, Map<String, Entry>> byKind = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			byKind.put(kind, new HashMap<>());
		}
		try (InputStream in = CoreDefinitions.class.getResourceAsStream(ROOT + INDEX)) {
			if (in == null) {
				throw new IllegalStateException("The split R4 definitions (" + ROOT + INDEX + ") are not on the classpath:"
						+ " build with Maven, whose process-classes phase runs CoreDefinitionsSplitter");
			}
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (!line.startsWith("#") && !line.isBlank()) {
					Entry entry = Entry.parse(line);
					byKind.get(entry.kind()).put(entry.url(), entry);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		byKind.replaceAll((kind, urls) -> Map.copyOf(urls));
		return Map.copyOf(byKind);
	}

	/** The URLs of a kind the split holds (its index, nothing parsed). */
	Set<String> urls(Kind kind) {
		return Collections.unmodifiableSet(index(kind).keySet());
	}

	/** How many resources have been parsed and are kept. */
	int parsedCount() {
		return PARSED.size();
	}

	@Override
	public IBaseResource fetchStructureDefinition(String theUrl) {
		String url = theUrl;
		if (!url.startsWith(URL_PREFIX_STRUCTURE_DEFINITION)) {
			if (url.indexOf('/') == -1) {
				url = URL_PREFIX_STRUCTURE_DEFINITION + url;
			} else if (url.chars().filter(c -> c == '/').count() == 1) {
				url = "http://hl7.org/fhir/" + url;
			}
		}
		Map<String, Entry> definitions = index(Kind.STRUCTURE_DEFINITION);
		Entry entry = definitions.get(url);
		if (entry != null) {
			return marked(kept(entry));
		}
		// HAPI's leniency, kept: a few R4 search parameters name primitive types with a capital ("as(String)").
		if (url.startsWith(URL_PREFIX_STRUCTURE_DEFINITION)) {
			String end = url.substring(URL_PREFIX_STRUCTURE_DEFINITION.length());
			if (!end.isEmpty() && Character.isUpperCase(end.charAt(0))) {
				Entry primitive = definitions.get(
						URL_PREFIX_STRUCTURE_DEFINITION + Character.toLowerCase(end.charAt(0)) + end.substring(1));
				if (primitive != null) {
					IBaseResource copy = fhir.newTerser().clone(kept(primitive));
					fhir.newTerser().setElement(copy, "type", end);
					return marked(copy);
				}
			}
		}
		return null;
	}

	@Override
	public IBaseResource fetchCodeSystem(String theSystem) {
		return marked(terminology(Kind.CODE_SYSTEM, theSystem));
	}

	@Override
	public IBaseResource fetchValueSet(String theUrl) {
		return marked(terminology(Kind.VALUE_SET, theUrl));
	}

	/** A canonical URL with or without "|version"; the version must match except for HL7's own (HAPI's rule). */
	private IBaseResource terminology(Kind kind, String canonical) {
		String url = canonical;
		String version = null;
		int bar = url.indexOf('|');
		if (bar > 0) {
			version = url.substring(bar + 1);
			url = url.substring(0, bar);
		}
		IBaseResource candidate;
		Entry entry = index(kind).get(url);
		if (entry != null) {
			candidate = kept(entry);
		} else if (kind == Kind.CODE_SYSTEM) {
			IBaseResource codes = storageResponseCodes();
			candidate = url.equals(fhir.newTerser().getSinglePrimitiveValueOrNull(codes, "url")) ? codes : null;
		} else {
			candidate = null;
		}
		if (candidate != null && version != null && !version.isBlank()
				&& !url.startsWith("http://hl7.org") && !url.startsWith("http://terminology.hl7.org")
				&& !version.equals(fhir.newTerser().getSinglePrimitiveValueOrNull(candidate, "version"))) {
			return null;
		}
		return candidate;
	}

	/** HAPI adds its own code system of storage response codes to FHIR's. */
	private IBaseResource storageResponseCodes() {
		IBaseResource codes = storageResponseCodes;
		if (codes == null) {
			codes = fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler())
					.parseResource(ClasspathUtil.loadResource(STORAGE_RESPONSE_CODES));
			storageResponseCodes = codes;
		}
		return codes;
	}

	@Override
	public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
		return fetchStructureDefinitions(entry -> true);
	}

	/**
	 * The StructureDefinitions an entry test picks (say, the base definitions), decided on the index: the others are
	 * not parsed. Base definitions are kept once parsed (FHIRPath's engine keeps them anyway); the others are parsed
	 * anew unless a lookup by URL has kept them, for a caller that converts and keeps its own copies.
	 */
	@SuppressWarnings("unchecked")
	<T extends IBaseResource> List<T> fetchStructureDefinitions(Predicate<Entry> which) {
		List<T> all = new ArrayList<>();
		for (Entry entry : index(Kind.STRUCTURE_DEFINITION).values()) {
			if (which.test(entry)) {
				IBaseResource kept = entry.base() ? kept(entry) : PARSED.get(entry);
				all.add((T) marked(kept != null ? kept : parse(entry)));
			}
		}
		return Collections.unmodifiableList(all);
	}

	/** What HAPI's answers: the resources loaded so far. */
	@Override
	public List<IBaseResource> fetchAllConformanceResources() {
		List<IBaseResource> loaded = new ArrayList<>(PARSED.values());
		loaded.forEach(this::marked);
		return loaded;
	}

	@Override
	public <T extends IBaseResource> List<T> fetchAllNonBaseStructureDefinitions() {
		return null;
	}

	@Override
	public void flush() {
		PARSED.clear();
		storageResponseCodes = null;
	}

	private IBaseResource kept(Entry entry) {
		return PARSED.computeIfAbsent(entry, this::parse);
	}

	private IBaseResource parse(Entry entry) {
		try (InputStream in = CoreDefinitions.class.getResourceAsStream(ROOT + entry.file())) {
			if (in == null) {
				throw new IllegalStateException("Missing from the split R4 definitions: " + entry.file());
			}
			IBaseResource resource = fhir.newJsonParser().parseResource(new InputStreamReader(in, StandardCharsets.UTF_8));
			if (entry.id() != null) {
				resource.setId(entry.id());
			}
			if (entry.kind() == Kind.STRUCTURE_DEFINITION) {
				resource.setUserData("package", PACKAGE);
			}
			return resource;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private IBaseResource marked(IBaseResource resource) {
		if (resource != null) {
			resource.setUserData(SOURCE_PACKAGE_ID, "hl7.fhir.r4.core");
		}
		return resource;
	}
}
