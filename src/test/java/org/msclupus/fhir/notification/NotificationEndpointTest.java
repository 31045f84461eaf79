package org.msclupus.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationEndpointTest {

	@ParameterizedTest
	@ValueSource(strings = {"https://sponsor.example.org/hooks/sae", "https://10.0.0.5:8443/hook",
			"http://127.0.0.1:9000/hook", "http://[::1]:9000/hook", "http://localhost/hook", "HTTP://LOCALHOST:1/x"})
	void httpsAnywhereAndPlainHttpOnLoopbackAreAccepted(String endpoint) {
		assertThat(NotificationEndpoint.check(endpoint).toString()).isEqualTo(endpoint);
	}

	@ParameterizedTest
	@ValueSource(strings = {"http://sponsor.example.org/hook", "http://10.0.0.5/hook", "http://127.0.0.2/hook",
			"http://localhost.example.org/hook", "http://0.0.0.0/hook"})
	void plainHttpBeyondLoopbackIsRefused(String endpoint) {
		assertThatThrownBy(() -> NotificationEndpoint.check(endpoint)).hasMessageContaining("must use https");
	}

	@ParameterizedTest
	@ValueSource(strings = {"", "ftp://sponsor.example.org/hook", "mailto:safety@example.org", "/relative/hook",
			"https://", "not a url"})
	void whatIsNoAbsoluteHttpsUrlIsRefused(String endpoint) {
		assertThatThrownBy(() -> NotificationEndpoint.check(endpoint)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("endpoint");
	}

	@ParameterizedTest
	@ValueSource(strings = {"https://user:secret@sponsor.example.org/hook"})
	void credentialsInTheUrlAreRefused(String endpoint) {
		assertThatThrownBy(() -> NotificationEndpoint.check(endpoint)).hasMessageContaining("credentials");
	}
}
