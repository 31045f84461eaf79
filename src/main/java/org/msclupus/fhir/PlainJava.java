package org.msclupus.fhir;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package of plain rules: no HAPI, FHIR model, Spring, JDBC, JPA or servlet type, so its rules can be read
 * and unit-tested alone. {@code ArchitectureTest} checks every package so marked, and that every capability with an
 * adapter ({@code operation} or {@code fhir} subpackage) marks its own package.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface PlainJava {
}
