package org.msclupus.fhir.server;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST contract on a real PostgreSQL 17 that the test starts itself (a new, empty database each run, so this
 * also proves schema creation from nothing), plus a second server node on the same database.
 */
@Import(EmbeddedPostgresConfiguration.class)
class PostgresFhirServerIT extends AbstractFhirServerIT {

	@Autowired
	EmbeddedPostgres postgres;

	@Test
	void twoNodesOnOnePostgresSeeEachOthersWrites() {
		try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(MscLupusFhirApplication.class)
				.run("--server.port=0",
						"--spring.datasource.url=" + EmbeddedPostgresConfiguration.jdbcUrl(postgres),
						"--spring.datasource.username=postgres",
						"--spring.datasource.password=postgres")) {
			int secondPort = ((ServletWebServerApplicationContext) secondNode).getWebServer().getPort();
			IGenericClient nodeB = FHIR.newRestfulGenericClient("http://localhost:" + secondPort + "/fhir");

			String mrnA = unique();
			IIdType writtenOnA = client.create().resource(patient(mrnA)).execute().getId().toUnqualifiedVersionless();
			Patient readOnB = nodeB.read().resource(Patient.class).withId(writtenOnA).execute();
			assertThat(readOnB.getIdentifierFirstRep().getValue()).isEqualTo(mrnA);

			String mrnB = unique();
			IIdType writtenOnB = nodeB.create().resource(patient(mrnB)).execute().getId().toUnqualifiedVersionless();
			assertThat(writtenOnB.getIdPart()).isNotEqualTo(writtenOnA.getIdPart());
			assertThat(countPatientsWithMrn(mrnB)).isEqualTo(1);

			// An update on B is seen by A, and A's stale copy can no longer overwrite it.
			Patient onB = nodeB.read().resource(Patient.class).withId(writtenOnA).execute();
			nodeB.update().resource(onB.setActive(true)).execute();
			Patient onA = client.read().resource(Patient.class).withId(writtenOnA).execute();
			assertThat(onA.getActive()).isTrue();
			assertThat(onA.getMeta().getVersionId()).isEqualTo("2");
		}
	}
}
