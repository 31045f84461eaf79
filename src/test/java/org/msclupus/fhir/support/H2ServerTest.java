package org.msclupus.fhir.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real application on a random port, on the embedded H2 file under target/. Every test class carrying this
 * annotation shares one Spring context, so the suite boots the server once for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// A store of the definitions that fails is tried again sooner than in production, so a test can watch it.
@TestPropertySource(properties = {"msc.storage.data-dir=target/it-data/h2", "msc.conformance.definitions-retry-interval=1s"})
public @interface H2ServerTest {}
