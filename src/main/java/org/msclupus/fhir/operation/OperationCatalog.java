package org.msclupus.fhir.operation;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The trial operations the server offers, read from their providers' annotations: the one list that registration,
 * authorization and the contract test use.
 */
public final class OperationCatalog {

	/** Where an operation is invoked. */
	public enum Level {
		SERVER, TYPE, INSTANCE
	}

	/**
	 * One operation.
	 *
	 * @param name         {@code $safety-summary}
	 * @param resourceType the resource it is invoked on; null at server level
	 * @param canonicalUrl its OperationDefinition's canonical URL
	 * @param method       the provider method that answers it
	 */
	public record Entry(String name, Class<? extends IBaseResource> resourceType, Level level, String canonicalUrl,
			String reads, boolean onePatient, Method method) {

		/** The OperationDefinition's id: the last segment of its canonical URL. */
		public String definitionId() {
			return canonicalUrl.substring(canonicalUrl.lastIndexOf('/') + 1);
		}
	}

	private final List<Entry> entries;

	public OperationCatalog(List<Class<?>> providers) {
		List<Entry> all = new ArrayList<>();
		providers.forEach(p -> all.addAll(of(p)));
		all.sort(Comparator.comparing(Entry::name).thenComparing(e -> e.level().ordinal()));
		this.entries = List.copyOf(all);
	}

	public List<Entry> entries() {
		return entries;
	}

	/**
	 * The operations a provider class answers.
	 *
	 * @throws IllegalStateException for an {@code @Operation} without {@link TrialOperation}: nobody could be
	 *                               allowed to call it
	 */
	public static List<Entry> of(Class<?> provider) {
		List<Entry> found = new ArrayList<>();
		for (Method method : provider.getMethods()) {
			Operation operation = method.getAnnotation(Operation.class);
			if (operation == null) {
				continue;
			}
			TrialOperation access = method.getAnnotation(TrialOperation.class);
			if (access == null) {
				throw new IllegalStateException(provider.getSimpleName() + "." + method.getName() + " serves "
						+ operation.name() + " without @TrialOperation saying who may call it");
			}
			boolean onServer = operation.type() == IBaseResource.class;
			boolean onInstance = Arrays.stream(method.getParameters()).anyMatch(p -> p.isAnnotationPresent(IdParam.class));
			Level level = onServer ? Level.SERVER : onInstance ? Level.INSTANCE : Level.TYPE;
			found.add(new Entry(operation.name(), onServer ? null : operation.type(), level, operation.canonicalUrl(),
					access.reads(), access.onePatient(), method));
		}
		return found;
	}
}
