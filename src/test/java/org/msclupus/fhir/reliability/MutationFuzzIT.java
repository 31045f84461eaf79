package org.msclupus.fhir.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Mutation fuzzing: valid trial resources (the profile examples) and EHR resources (a Synthea patient) are mutated at
 * random, one change each (a field removed, a value of another type or out of range, an injection string, an
 * element duplicated, an unknown field, another resource type), and created. Every answer is a 2xx (the mutation
 * happened to be valid) or a 4xx with an OperationOutcome, never a 5xx; refused ones store nothing. Seeded, so a
 * failure can be replayed: -Dfuzz.seed=... -Dfuzz.cases=...
 */
@H2ServerTest
class MutationFuzzIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final ObjectMapper JSON = new ObjectMapper();
	static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	static final List<String> STRINGS = List.of("", " ", "' OR '1'='1", "<script>alert(1)</script>", "\u0000",
			"x".repeat(10_000), "2026-02-30", "-1", "NaN", "Patient/", "urn:uuid:", "\uD83D\uDE00", "null");

	@LocalServerPort
	int port;
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	List<ObjectNode> seeds() throws Exception {
		List<ObjectNode> seeds = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of("profiles/examples/valid"))) {
			for (Path file : files.sorted().toList()) {
				seeds.add((ObjectNode) JSON.readTree(Files.readString(file)));
			}
		}
		JsonNode synthea;
		try (Stream<Path> files = Files.list(Path.of("src/test/resources/ehr-samples"))) {
			synthea = JSON.readTree(Files.readString(files.filter(f -> f.toString().endsWith(".json")).sorted()
					.findFirst().orElseThrow()));
		}
		for (JsonNode entry : synthea.path("entry")) {
			String type = entry.path("resource").path("resourceType").asText();
			if (type.equals("Patient") || type.equals("Organization") || type.equals("Practitioner")) {
				seeds.add((ObjectNode) entry.path("resource"));
			}
		}
		seeds.forEach(s -> s.remove("id"));
		return seeds;
	}

	/** One random change somewhere in the tree. */
	static ObjectNode mutate(ObjectNode original, Random random) {
		ObjectNode copy = original.deepCopy();
		List<JsonNode> containers = new ArrayList<>();
		collect(copy, containers);
		JsonNode target = containers.get(random.nextInt(containers.size()));
		int kind = random.nextInt(8);
		if (kind == 7) {
			copy.put("resourceType", List.of("Patient", "Observation", "Bundle", "Foo", "").get(random.nextInt(5)));
			return copy;
		}
		if (target instanceof ObjectNode object && object.size() > 0) {
			List<String> names = new ArrayList<>();
			object.fieldNames().forEachRemaining(names::add);
			String name = names.get(random.nextInt(names.size()));
			switch (kind) {
				case 0 -> object.remove(name);
				case 1 -> object.set(name, NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size()))));
				case 2 -> object.set(name, List.<JsonNode>of(NODES.numberNode(-1), NODES.numberNode(1e308),
						NODES.numberNode(3.5), NODES.numberNode(Long.MAX_VALUE)).get(random.nextInt(4)));
				case 3 -> object.set(name, random.nextBoolean() ? NODES.booleanNode(true) : NODES.nullNode());
				case 4 -> object.set(name, random.nextBoolean() ? NODES.objectNode() : NODES.arrayNode());
				case 5 -> object.set("unknownElement" + random.nextInt(10), NODES.textNode("x"));
				default -> object.set(name, NODES.arrayNode().add(object.get(name)).add(object.get(name)));
			}
		} else if (target instanceof ArrayNode array && array.size() > 0) {
			if (kind % 2 == 0) {
				array.add(array.get(random.nextInt(array.size())).deepCopy());
			} else {
				array.remove(random.nextInt(array.size()));
			}
		}
		return copy;
	}

	static void collect(JsonNode node, List<JsonNode> containers) {
		if (node.isContainerNode()) {
			containers.add(node);
			node.forEach(child -> collect(child, containers));
		}
	}

	int versionsSince(java.time.Instant since) throws Exception {
		return SystemHistory.versionsSince(http, "http://localhost:" + port + "/fhir", since);
	}

	@Test
	void mutatedResourcesGetA2xxOrA4xxWithAnOperationOutcomeAndNever5xx() throws Exception {
		http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Patient/example-subject"))
				.header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(
						FHIR.newJsonParser().encodeResourceToString(new Patient().setId("example-subject")))).build(),
				HttpResponse.BodyHandlers.ofString());
		http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Organization/example-site"))
				.header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(
						FHIR.newJsonParser().encodeResourceToString(new Organization().setName("Example site")
								.setId("example-site")))).build(), HttpResponse.BodyHandlers.ofString());
		List<ObjectNode> seeds = seeds();
		long seed = Long.getLong("fuzz.seed", 20261122L);
		int cases = Integer.getInteger("fuzz.cases", 300);
		Random random = new Random(seed);
		java.time.Instant start = java.time.Instant.now().minusMillis(5);
		int accepted = 0;
		Map<Integer, Integer> byStatus = new TreeMap<>();
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < cases; i++) {
			ObjectNode original = seeds.get(random.nextInt(seeds.size()));
			ObjectNode mutated = mutate(original, random);
			String path = "/" + original.path("resourceType").asText();
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
							+ "/fhir" + path)).timeout(Duration.ofSeconds(60))
					.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
					.POST(HttpRequest.BodyPublishers.ofString(mutated.toString())).build(),
					HttpResponse.BodyHandlers.ofString());
			byStatus.merge(response.statusCode(), 1, Integer::sum);
			if (response.statusCode() / 100 == 2) {
				accepted++;
			} else if (response.statusCode() / 100 != 4 || !isOutcome(response.body())) {
				failures.add("case " + i + " (seed " + seed + "): " + response.statusCode() + " for " + path + " "
						+ abbreviate(mutated.toString()) + " -> " + abbreviate(response.body()));
			}
		}
		System.out.println("Mutation fuzz: " + cases + " cases, seed " + seed + ", responses by status " + byStatus);
		assertThat(failures).isEmpty();
		assertThat(versionsSince(start)).as("only the accepted mutations are stored").isEqualTo(accepted);
	}

	static boolean isOutcome(String body) {
		try {
			return FHIR.newJsonParser().parseResource(body) instanceof OperationOutcome;
		} catch (RuntimeException e) {
			return false;
		}
	}

	static String abbreviate(String text) {
		return text.length() > 400 ? text.substring(0, 400) + "..." : text;
	}
}
