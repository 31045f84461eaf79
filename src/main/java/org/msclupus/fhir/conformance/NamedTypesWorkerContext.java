package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.model.api.annotation.ResourceDef;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * HAPI FHIR 8.8.0's worker context for the core validator, naming the R5 resource class the validator asks for by
 * its {@link ResourceDef} annotation instead of through a static R5 {@code FhirContext}.
 *
 * <p>HAPI resolves {@code fetchResource(ValueSet.class, url)} to the type name {@code "ValueSet"} by scanning the
 * class into {@code WorkerContextValidationSupportAdapter.FHIR_CONTEXT_R5}. A scan follows every data type and every
 * reference target (an extension may hold a {@code DataRequirement}, whose subject is a Group, whose members are
 * Patients, …), so the first lookup loads some 550 R5 model classes and keeps their definitions for the life of the
 * server (27 MB of heap, and the classes' metadata) only to read a name the class's annotation already gives, which
 * is where that scan takes it from too. Everything else is HAPI's: the lookup by name is HAPI's own private method,
 * reached through a method handle resolved once at class loading (pinned HAPI version; a rename fails start-up, and
 * {@code ReusingInstanceValidatorTest} compares every message with HAPI's validator).
 */
final class NamedTypesWorkerContext extends WorkerContextValidationSupportAdapter {

	private static final Logger log = LoggerFactory.getLogger(NamedTypesWorkerContext.class);
	private static final MethodHandle FETCH_BY_TYPE_NAME = fetchByTypeName();

	NamedTypesWorkerContext(IValidationSupport validationSupport) {
		super(validationSupport);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends Resource> T fetchResource(Class<T> type, String uri) {
		String typeName = typeName(type);
		if (typeName == null) {
			return super.fetchResource(type, uri);
		}
		if (uri == null || uri.isBlank()) {
			return null;
		}
		if (uri.chars().filter(c -> c == '|').count() > 1) {
			log.warn("Unrecognized profile uri: {}", uri); // as HAPI logs it
		}
		return (T) fetch(typeName, uri);
	}

	@Override
	public <T extends Resource> boolean hasResource(Class<T> type, String uri) {
		String typeName = typeName(type);
		if (typeName == null) {
			return super.hasResource(type, uri);
		}
		return uri != null && !uri.isBlank() && fetch(typeName, uri) != null;
	}

	/**
	 * The resource type a model class stands for, as a {@code FhirContext} would name it ({@code "Resource"} for the
	 * root class, as HAPI special-cases it); {@code null} for an abstract class without a name of its own.
	 */
	static String typeName(Class<?> type) {
		if (type == Resource.class) {
			return "Resource";
		}
		ResourceDef definition = type.getAnnotation(ResourceDef.class);
		return definition == null || definition.name().isEmpty() ? null : definition.name();
	}

	private IBaseResource fetch(String typeName, String uri) {
		try {
			return (IBaseResource) FETCH_BY_TYPE_NAME.invoke(this, typeName, uri);
		} catch (RuntimeException | Error e) {
			throw e;
		} catch (Throwable e) {
			throw new IllegalStateException(e);
		}
	}

	private static MethodHandle fetchByTypeName() {
		try {
			return MethodHandles.privateLookupIn(WorkerContextValidationSupportAdapter.class, MethodHandles.lookup())
					.findVirtual(WorkerContextValidationSupportAdapter.class, "fetchResource",
							MethodType.methodType(IBaseResource.class, String.class, String.class));
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("HAPI's worker context has no fetchResource(String, String): "
					+ "NamedTypesWorkerContext was written against HAPI FHIR 8.8.0", e);
		}
	}
}
