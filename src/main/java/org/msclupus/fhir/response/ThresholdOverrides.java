package org.msclupus.fhir.response;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A criteria set's thresholds with a deployment's overrides applied to its defaults, so the defaults live in one
 * place (the set's {@code Thresholds.DEFAULTS}) and configuration names only what it changes. Names match whatever
 * their spelling ({@code prednisone-max-mg-per-day}, {@code prednisoneMaxMgPerDay}, or {@code PREDNISONEMAXMGPERDAY}
 * from an environment variable); an unknown name or a value of the wrong type is refused, naming it.
 */
public final class ThresholdOverrides {

	private ThresholdOverrides() {
	}

	/**
	 * @param criteria  the set's code, for messages
	 * @param defaults  the set's defaults
	 * @param overrides threshold name to value, as configured; may be empty
	 * @throws IllegalArgumentException for an unknown threshold or a value that is not of its type
	 */
	public static <T extends Record> T apply(String criteria, T defaults, Map<String, String> overrides) {
		if (overrides == null || overrides.isEmpty()) {
			return defaults;
		}
		RecordComponent[] components = defaults.getClass().getRecordComponents();
		Map<String, String> byName = overrides.entrySet().stream()
				.collect(Collectors.toMap(e -> uniform(e.getKey()), Map.Entry::getValue, (a, b) -> b));
		for (String name : byName.keySet()) {
			if (Arrays.stream(components).noneMatch(c -> uniform(c.getName()).equals(name))) {
				throw new IllegalArgumentException("Unknown threshold '" + name + "' of " + criteria + "; known: "
						+ Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", ")));
			}
		}
		Object[] values = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		try {
			for (int i = 0; i < components.length; i++) {
				RecordComponent component = components[i];
				types[i] = component.getType();
				String configured = byName.get(uniform(component.getName()));
				values[i] = configured == null ? component.getAccessor().invoke(defaults)
						: parse(criteria, component, configured.trim());
			}
			Constructor<?> canonical = defaults.getClass().getDeclaredConstructor(types);
			@SuppressWarnings("unchecked")
			T thresholds = (T) canonical.newInstance(values);
			return thresholds;
		} catch (InvocationTargetException e) {
			throw new IllegalArgumentException("Thresholds of " + criteria + " refused: "
					+ e.getTargetException().getMessage(), e.getTargetException());
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Object parse(String criteria, RecordComponent component, String value) {
		try {
			Class<?> type = component.getType();
			if (type == int.class || type == Integer.class) {
				return Integer.valueOf(value);
			}
			if (type == BigDecimal.class) {
				return new BigDecimal(value);
			}
			if (type == double.class || type == Double.class) {
				return Double.valueOf(value);
			}
			if (type == String.class) {
				return value;
			}
			throw new IllegalStateException("Unsupported threshold type " + type);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("Threshold " + component.getName() + " of " + criteria + " must be "
					+ (component.getType() == BigDecimal.class ? "a decimal" : "an integer") + ", not '" + value + "'");
		}
	}

	/** A name reduced to lower-case letters and digits, so that every spelling of it compares equal. */
	public static String uniform(String name) {
		return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
	}
}
