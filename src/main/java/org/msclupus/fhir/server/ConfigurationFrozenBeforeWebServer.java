package org.msclupus.fhir.server;

import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Spring Boot's servlet application context, with the bean definitions frozen before the web server is made
 * instead of just after (docs/adr/0034). Making the web server asks for HAPI's RestfulServer servlet, and with it
 * nearly all of HAPI's 1,364 beans; Spring caches which beans have a type only once the definitions are frozen, so
 * until now every one of those beans' injection points read all 1,364 definitions again: a quarter of the main
 * thread's start-up. By then every definition is registered and every post-processor in place, as when Spring freezes
 * them itself; a definition registered later still clears the cache.
 */
public class ConfigurationFrozenBeforeWebServer extends AnnotationConfigServletWebServerApplicationContext {

	@Override
	protected void onRefresh() {
		getBeanFactory().freezeConfiguration();
		super.onRefresh();
	}

	/**
	 * Makes this context for servlet applications, ahead of Spring Boot's own factory (META-INF/spring.factories), so
	 * that the server's {@code main} and the tests that start it on a port get the same context. The environment is
	 * left to Spring Boot's factory.
	 */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static final class Factory implements ApplicationContextFactory {

		@Override
		public ConfigurableApplicationContext create(WebApplicationType webApplicationType) {
			return webApplicationType == WebApplicationType.SERVLET ? new ConfigurationFrozenBeforeWebServer() : null;
		}

		@Override
		public Class<? extends ConfigurableEnvironment> getEnvironmentType(WebApplicationType webApplicationType) {
			return null;
		}

		@Override
		public ConfigurableEnvironment createEnvironment(WebApplicationType webApplicationType) {
			return null;
		}
	}
}
