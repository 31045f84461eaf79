package org.msclupus.fhir.server;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beans the web server needs (HAPI's servlet and, through it, nearly all of HAPI's graph) are made with the bean
 * definitions frozen, so that Spring answers "which beans have this type" from its cache.
 */
class ConfigurationFrozenBeforeWebServerTest {

	/** What the bean factory said while the web server's initializer beans were being made. */
	static final AtomicReference<Boolean> frozenWhenWebServerBeansWereMade = new AtomicReference<>();

	@Configuration(proxyBeanMethods = false)
	static class WebServerWithOneInitializer {

		@Bean
		TomcatServletWebServerFactory webServerFactory() {
			TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
			factory.setAddress(InetAddress.getLoopbackAddress());
			return factory;
		}

		@Bean
		ServletContextInitializer initializer(ConfigurableListableBeanFactory beanFactory) {
			frozenWhenWebServerBeansWereMade.set(beanFactory.isConfigurationFrozen());
			return servletContext -> {
			};
		}
	}

	@Test
	void definitionsAreFrozenWhenTheWebServersBeansAreMade() {
		assertThat(frozenWhileStarting(new ConfigurationFrozenBeforeWebServer())).isTrue();
	}

	@Test
	void springBootsOwnContextFreezesThemOnlyAfterwards() {
		// Why this class exists: the control shows the standard context making them unfrozen.
		assertThat(frozenWhileStarting(new AnnotationConfigServletWebServerApplicationContext())).isFalse();
	}

	@Test
	void isTheContextSpringBootMakesForAServletApplication() {
		assertThat(ApplicationContextFactory.DEFAULT.create(WebApplicationType.SERVLET))
				.isInstanceOf(ConfigurationFrozenBeforeWebServer.class);
		assertThat(ApplicationContextFactory.DEFAULT.create(WebApplicationType.NONE))
				.isNotInstanceOf(ConfigurationFrozenBeforeWebServer.class);
		assertThat(ApplicationContextFactory.DEFAULT.createEnvironment(WebApplicationType.SERVLET)).isNotNull();
	}

	private static Boolean frozenWhileStarting(AnnotationConfigServletWebServerApplicationContext context) {
		frozenWhenWebServerBeansWereMade.set(null);
		context.register(WebServerWithOneInitializer.class);
		try {
			context.refresh();
		} finally {
			context.close();
		}
		return frozenWhenWebServerBeansWereMade.get();
	}
}
