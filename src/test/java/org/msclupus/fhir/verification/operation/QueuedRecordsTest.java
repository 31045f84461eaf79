package org.msclupus.fhir.verification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

class QueuedRecordsTest {

	/** The monitor is shown the day the value counts on (its visit's day), not the day a collection began. */
	@Test
	void anObservationIsShownOnTheDayTheResponseRulesCountIt() {
		Observation overnight = new Observation().setEffective(new Period()
				.setStartElement(new DateTimeType("2026-02-03T08:00:00+01:00"))
				.setEndElement(new DateTimeType("2026-02-04T08:00:00+01:00")));
		assertThat(QueuedRecords.date(overnight)).contains(LocalDate.parse("2026-02-04"));
		assertThat(QueuedRecords.date(new Observation().setEffective(new InstantType("2026-02-04T08:00:00Z"))))
				.contains(LocalDate.parse("2026-02-04"));
		assertThat(QueuedRecords.date(new Observation().setEffective(new DateTimeType("2026-02")))).isEmpty();
	}
}
