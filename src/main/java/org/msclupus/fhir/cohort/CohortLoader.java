package org.msclupus.fhir.cohort;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Loads a synthetic study into a running server through its FHIR API, one transaction per subject:
 * {@code CohortLoader <base-url> <multicenter|lupus-nephritis> <subjects> [seed]}. See scripts/load-demo-study.sh.
 */
public final class CohortLoader {

	private CohortLoader() {
	}

	public static void main(String[] args) {
		if (args.length < 3) {
			System.err.println("usage: CohortLoader <base-url> <multicenter|lupus-nephritis> <subjects> [seed]");
			System.exit(2);
		}
		String base = args[0];
		int subjects = Integer.parseInt(args[2]);
		long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
		List<Bundle> bundles = switch (args[1]) {
			case "multicenter" -> SyntheticCohort.multicenterStudy("demo-multicenter", subjects, seed);
			case "lupus-nephritis" -> SyntheticCohort.lupusNephritisTrial("demo-ln", subjects, seed);
			default -> throw new IllegalArgumentException("unknown shape " + args[1]);
		};
		FhirContext fhir = FhirContext.forR4();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		fhir.getRestfulClientFactory().setSocketTimeout(600_000);
		IGenericClient client = fhir.newRestfulGenericClient(base);
		// A server with security on needs a token (scripts/IssueToken.java signs one for a local key).
		String token = System.getenv("MSC_TOKEN");
		if (token != null && !token.isBlank()) {
			client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(token.trim()));
		}
		long start = System.nanoTime();
		int resources = 0;
		for (Bundle bundle : bundles) {
			client.transaction().withBundle(bundle).execute();
			resources += bundle.getEntry().size();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		String study = bundles.get(0).getEntryFirstRep().getResource().getIdElement().getIdPart();
		System.out.printf("Loaded ResearchStudy/%s: %d subjects, %d resources in %.1f s (%.0f resources/s)%n", study,
				subjects, resources, seconds, resources / seconds);
	}
}
