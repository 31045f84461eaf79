package org.msclupus.fhir.operation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a trial operation, next to HAPI's {@code @Operation}: the authorization rules are derived from it
 * ({@link OperationCatalog}), so adding an operation needs no edit of the security code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TrialOperation {

	/** The resource type a caller must be allowed to read (a SMART {@code .r}/{@code .read} scope on it). */
	String reads();

	/**
	 * Whether a token confined to one patient's compartment may call it (a subject's own evaluation, a patient's own
	 * screening). A study-wide operation needs access beyond one patient.
	 */
	boolean onePatient() default false;
}
