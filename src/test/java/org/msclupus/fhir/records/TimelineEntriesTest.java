package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.msclupus.fhir.response.operation.ResponseScenarios;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.BilagDomain;
import org.msclupus.fhir.response.BilagGrade;
import org.msclupus.fhir.response.GlucocorticoidCourse;
import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.response.TimelineSink;

/** What is stored in the evidence index must replay into exactly what mapping the record directly gives. */
class TimelineEntriesTest {

	private final TimelineMapper mapper = new TimelineMapper(new CanonicalUnits());

	/** Collects contributions as values, for comparison. */
	static final class Collected implements TimelineSink {
		final List<Object> items = new ArrayList<>();

		@Override
		public Collected measurement(Measurement measurement) {
			items.add(measurement);
			return this;
		}

		@Override
		public Collected infusion(Infusion infusion) {
			items.add(infusion);
			return this;
		}

		@Override
		public Collected course(GlucocorticoidCourse course) {
			items.add(course);
			return this;
		}

		@Override
		public Collected ignored(String note) {
			items.add(note);
			return this;
		}
	}

	private static List<Object> replayed(TimelineEntries entries) {
		Collected collected = new Collected();
		TimelineEntries.replay(entries.encode(), collected);
		return collected.items;
	}

	@Test
	void everyRecordOfTheScenarioCohortReplaysToWhatTheMapperGives() {
		int mapped = 0;
		for (Bundle.BundleEntryComponent entry : ResponseScenarios.cohort().getEntry()) {
			Resource resource = entry.getResource();
			resource.setId(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/_history/3");
			Collected direct = new Collected();
			mapper.mapRecord(resource, direct);
			TimelineEntries entries = new TimelineEntries();
			mapper.mapRecord(resource, entries);
			assertThat(replayed(entries)).as(resource.getId()).isEqualTo(direct.items);
			mapped += direct.items.size();
		}
		assertThat(mapped).isEqualTo(32); // every measurement, infusion and course of the cohort
	}

	@Test
	void decimalsKeepTheirDigitsAndScaleAndOptionalFieldsStayAbsent() {
		TimelineEntries entries = new TimelineEntries()
				.measurement(new Measurement(Measure.SERUM_CREATININE, LocalDateTime.parse("2026-03-01T08:15:30"),
						new BigDecimal("1.20"), "amended", "Observation/7/_history/2", new BigDecimal("1.3E+0"), null))
				.measurement(Measurement.bilag(LocalDate.parse("2026-04-01"),
						Map.of(BilagDomain.RENAL, BilagGrade.A, BilagDomain.MUCOCUTANEOUS, BilagGrade.E), "Observation/8/_history/1"))
				.infusion(new Infusion(LocalDate.parse("2026-01-10"), "completed", "MedicationAdministration/9/_history/1"))
				.course(new GlucocorticoidCourse(LocalDate.parse("2026-01-01"), null, new BigDecimal("7.50"), "active",
						"MedicationStatement/10/_history/4"));
		List<Object> back = replayed(entries);
		assertThat(back).containsExactlyElementsOf(List.of(
				new Measurement(Measure.SERUM_CREATININE, LocalDateTime.parse("2026-03-01T08:15:30"),
						new BigDecimal("1.20"), "amended", "Observation/7/_history/2", new BigDecimal("1.3E+0"), null),
				Measurement.bilag(LocalDate.parse("2026-04-01"),
						Map.of(BilagDomain.RENAL, BilagGrade.A, BilagDomain.MUCOCUTANEOUS, BilagGrade.E), "Observation/8/_history/1"),
				new Infusion(LocalDate.parse("2026-01-10"), "completed", "MedicationAdministration/9/_history/1"),
				new GlucocorticoidCourse(LocalDate.parse("2026-01-01"), null, new BigDecimal("7.50"), "active",
						"MedicationStatement/10/_history/4")));
		assertThat(((Measurement) back.get(0)).value().scale()).isEqualTo(2);
	}

	@Test
	void notesLoseTabsAndLineBreaksAndLongOnesAreCut() {
		Observation monthOnly = new Observation();
		monthOnly.setId("Observation/5/_history/1");
		monthOnly.setStatus(Observation.ObservationStatus.FINAL);
		monthOnly.getCode().addCoding().setSystem("http://loinc.org").setCode("2160-0");
		monthOnly.setEffective(new DateTimeType("2026-03"));
		TimelineEntries entries = new TimelineEntries();
		mapper.mapRecord(monthOnly, entries);
		assertThat(replayed(entries)).containsExactly("Observation/5/_history/1: no effective date to at least the day");

		String hostile = "unit\twith\ttabs\nand a line break " + "x".repeat(1000);
		List<Object> back = replayed(new TimelineEntries().ignored(hostile));
		assertThat(back).hasSize(1);
		assertThat((String) back.get(0)).startsWith("unit with tabs and a line break x")
				.hasSize(TimelineEntries.MAX_NOTE_LENGTH + 1).doesNotContain("\t", "\n");
	}

	@Test
	void recordsTheRulesDoNotUseContributeNothing() {
		Observation heartRate = new Observation();
		heartRate.setId("Observation/6/_history/1");
		heartRate.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		TimelineEntries entries = new TimelineEntries();
		mapper.mapRecord(heartRate, entries);
		assertThat(entries.isEmpty()).isTrue();
		assertThat(entries.encode()).isEmpty();
	}
}
