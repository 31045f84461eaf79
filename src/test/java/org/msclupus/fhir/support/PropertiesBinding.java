package org.msclupus.fhir.support;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockPropertySource;

/** Binds a {@code @ConfigurationProperties} type as Spring Boot does, from given properties and environment variables. */
public final class PropertiesBinding {

	private PropertiesBinding() {
	}

	/**
	 * @param environmentVariables named as in the process environment ({@code MSC_STORAGE_READ_HELPERS})
	 * @param properties           named as in application.yaml ({@code msc.storage.read-helpers}); they win
	 */
	public static <T> T bind(String prefix, Class<T> type, Map<String, Object> environmentVariables,
			Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		MockPropertySource yaml = new MockPropertySource();
		properties.forEach(yaml::setProperty);
		environment.getPropertySources().addFirst(yaml);
		// Spring applies its environment-variable naming rules only to the source with this name.
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						environmentVariables));
		// As Spring binds @ConfigurationProperties: created even when nothing is set.
		return Binder.get(environment).bindOrCreate(prefix, type);
	}
}
