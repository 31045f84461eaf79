package org.msclupus.fhir.notification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.NotificationReceiver;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server nodes on one PostgreSQL, both delivering (issue 29): events written on either node reach the
 * subscriber once each, numbered without gaps or repeats.
 */
class PostgresNotificationIT {

	@Test
	void twoNodesDeliverEachEventOnce() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				NotificationReceiver receiver = NotificationReceiver.start()) {
			String database = "notify_" + System.nanoTime();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + database);
			}
			List<String> storage = List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
			try (ConfigurableApplicationContext first = NotificationNodes.start(storage)) {
				ConfigurableApplicationContext second = NotificationNodes.start(storage);
				try {
					String key = "two-nodes";
					String study = NotificationNodes.loadStudy(first, key);
					NotificationNodes.subscribe(second, receiver.endpoint(), study);
					Thread.sleep(2500);
					ExecutorService writers = Executors.newFixedThreadPool(2);
					List<Future<String>> written = new java.util.ArrayList<>();
					for (int n = 1; n <= 6; n++) {
						ConfigurableApplicationContext node = n % 2 == 0 ? first : second;
						int number = n;
						written.add(writers.submit(() -> NotificationNodes.seriousEvent(node, key, study, number)));
					}
					for (Future<String> future : written) {
						future.get();
					}
					writers.shutdown();
					receiver.await(Duration.ofSeconds(60), r -> r.size() >= 6);
					Thread.sleep(3000); // a duplicate would have arrived by now
					assertThat(receiver.ofType("event-notification")).hasSize(6)
							.extracting(r -> r.eventNumbers().get(0))
							.containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
					assertThat(receiver.received().stream().flatMap(r -> r.foci().stream()).distinct()).hasSize(6);
				} finally {
					second.close();
				}
			}
		}
	}
}
