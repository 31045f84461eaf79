package org.msclupus.fhir.reliability;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;

/** What the server stored in a time span, read from its system history. */
final class SystemHistory {

	private SystemHistory() {
	}

	/**
	 * Resource versions written since {@code since}, counted entry by entry: the history total itself is a cached
	 * estimate in HAPI, too coarse to show that nothing was stored. The server's own audit trail (AuditEvents,
	 * written for every request, refused ones included) is not counted.
	 */
	static int versionsSince(HttpClient http, String base, Instant since) throws Exception {
		int count = 0;
		String next = base + "/_history?_count=500&_since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
		while (next != null) {
			Bundle page = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, http.send(
					HttpRequest.newBuilder(URI.create(next)).build(), HttpResponse.BodyHandlers.ofString()).body());
			count += (int) page.getEntry().stream()
					.filter(e -> e.getFullUrl() == null || !e.getFullUrl().contains("/AuditEvent/")).count();
			next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
		}
		return count;
	}
}
