package org.msclupus.fhir.operation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Refuses a parameter its trial operation does not take, or given more often than it declares
 * ({@code @OperationParam}, the cardinality the published OperationDefinition states). HAPI ignores an unknown one
 * and keeps the first value of a 0..1 parameter given twice, silently: {@code $safety-summary?arm=uc-msc&arm=control}
 * answered for one arm as if asked for it alone, and {@code $cdisc-export?arm=uc-msc} exported every arm. HAPI's own
 * parameters ({@code _format}, {@code _pretty}, ...) pass. Checked once the request's Parameters body is parsed, before
 * the operation runs.
 */
@Interceptor
public class OperationParameterChecks {

	private static final Set<RestOperationTypeEnum> OPERATIONS = Set.of(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
			RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

	/** By operation (level, resource type, name): each parameter's maximum count. */
	private final Map<String, Map<String, Integer>> maxima = new HashMap<>();

	/** By operation: the parameters declared as whole numbers. */
	private final Map<String, Set<String>> integers = new HashMap<>();

	public OperationParameterChecks(OperationCatalog catalog) {
		for (OperationCatalog.Entry entry : catalog.entries()) {
			Map<String, Integer> max = new HashMap<>();
			Set<String> whole = new java.util.HashSet<>();
			for (Parameter parameter : entry.method().getParameters()) {
				OperationParam declared = parameter.getAnnotation(OperationParam.class);
				if (declared != null) {
					max.put(declared.name(), declared.max() == OperationParam.MAX_UNLIMITED ? Integer.MAX_VALUE
							: declared.max());
					if (declared.typeName().equals("integer")) {
						whole.add(declared.name());
					}
				}
			}
			String key = key(entry.level(), entry.resourceType() == null ? null : entry.resourceType().getSimpleName(),
					entry.name());
			maxima.put(key, max);
			integers.put(key, whole);
		}
	}

	private static String key(OperationCatalog.Level level, String resourceType, String name) {
		return level + "|" + resourceType + "|" + (name.startsWith("$") ? name : "$" + name);
	}

	/**
	 * A whole-number parameter in the query that is no number ({@code _count=abc}) is a 400 naming it; HAPI's binding
	 * of it would fail with a NumberFormatException, a 500. Checked before HAPI binds the parameters.
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean checkNumbers(RequestDetails request) {
		if (request.getOperation() == null || request.getParameters() == null) {
			return true;
		}
		OperationCatalog.Level level = request.getResourceName() == null ? OperationCatalog.Level.SERVER
				: request.getId() != null && request.getId().hasIdPart() ? OperationCatalog.Level.INSTANCE
						: OperationCatalog.Level.TYPE;
		Set<String> whole = integers.get(key(level, request.getResourceName(), request.getOperation()));
		if (whole == null) {
			return true;
		}
		request.getParameters().forEach((name, values) -> {
			if (whole.contains(name)) {
				for (String value : values) {
					try {
						Integer.parseInt(value.trim());
					} catch (NumberFormatException notANumber) {
						throw new InvalidRequestException("Parameter " + name + " must be a whole number; got '"
								+ value + "'");
					}
				}
			}
		});
		return true;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void check(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == null || !OPERATIONS.contains(operation) || request.getOperation() == null) {
			return;
		}
		OperationCatalog.Level level = operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
				? OperationCatalog.Level.SERVER : operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
						? OperationCatalog.Level.TYPE : OperationCatalog.Level.INSTANCE;
		Map<String, Integer> max = maxima.get(key(level,
				level == OperationCatalog.Level.SERVER ? null : request.getResourceName(), request.getOperation()));
		if (max == null) {
			return; // not a trial operation: HAPI's own
		}
		Map<String, List<String>> given = new java.util.LinkedHashMap<>();
		if (request.getParameters() != null) {
			request.getParameters().forEach((name, values) -> {
				if (!name.startsWith("_") || max.containsKey(name)) {
					given.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(values));
				}
			});
		}
		if (request.getResource() instanceof Parameters body) {
			body.getParameter().forEach(p -> given.computeIfAbsent(p.getName(), n -> new ArrayList<>())
					.add(p.hasValue() ? p.getValue().primitiveValue() : "(parts)"));
		}
		given.keySet().stream().filter(name -> !max.containsKey(name)).findFirst().ifPresent(name -> {
			throw new InvalidRequestException("Parameter " + name + " is not one " + request.getOperation()
					+ " takes: use any of " + String.join(", ", new java.util.TreeSet<>(max.keySet())));
		});
		given.forEach((name, values) -> {
			if (values.size() > max.get(name)) {
				throw new InvalidRequestException("Parameter " + name + " may be given "
						+ (max.get(name) == 1 ? "once" : "at most " + max.get(name) + " times") + "; it was given "
						+ values.size() + " times (" + String.join(", ", values) + ")");
			}
		});
	}
}
