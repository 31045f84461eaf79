package org.msclupus.fhir.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackBindingTest {

	static SecurityProperties security(boolean enabled) {
		return new SecurityProperties(enabled, "", "", "", "", "site", "patient", "", "", "msc-dashboard", "user/*.rs");
	}

	@Test
	void withoutSecurityTheServerListensOnLoopbackOnly() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new WebSecurityConfiguration().loopbackUnlessSecured(security(false), new ServerProperties()).customize(factory);
		assertThat(factory.getAddress().isLoopbackAddress()).isTrue();
	}

	@Test
	void withoutSecurityANetworkAddressIsRefused() throws Exception {
		ServerProperties server = new ServerProperties();
		server.setAddress(InetAddress.getByName("0.0.0.0"));
		assertThatThrownBy(() -> new WebSecurityConfiguration().loopbackUnlessSecured(security(false), server)
				.customize(new TomcatServletWebServerFactory()))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("msc.security.enabled");
	}

	@Test
	void withSecurityTheConfiguredAddressIsKept() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new WebSecurityConfiguration().loopbackUnlessSecured(security(true), new ServerProperties()).customize(factory);
		assertThat(factory.getAddress()).isNull();
	}
}
