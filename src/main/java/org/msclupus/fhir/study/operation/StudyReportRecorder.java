package org.msclupus.fhir.study.operation;

import org.msclupus.fhir.study.CategoryCount;
import org.msclupus.fhir.study.StudyAggregator;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.operation.ContentIds;
import org.msclupus.fhir.operation.StoredOnce;
import org.msclupus.fhir.statistics.ArmGroups;

/**
 * Stores a study's counts for one graded criteria set as a MeasureReport (type summary) against the Measure the
 * server publishes for it (http://msc-lupus.org/fhir/Measure/&lt;criteria&gt;): one group per category with the
 * initial population, denominator and numerator, the rate as measure score, and one stratum per arm. The id is
 * derived from the study, criteria, arm filter, cut-off date and the counts, so asking again for the same report
 * stores nothing new.
 */
public class StudyReportRecorder {

	static final String MEASURE_BASE = "http://msc-lupus.org/fhir/Measure/";
	private static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";
	private static final String RESPONSE = "http://msc-lupus.org/fhir/CodeSystem/response";

	private final DaoRegistry daos;

	public StudyReportRecorder(DaoRegistry daos) {
		this.daos = daos;
	}

	/** @return a versioned reference to the stored MeasureReport */
	public String record(ResearchStudy study, String criteria, String arm, LocalDate asOf, List<CategoryCount> all,
			RequestDetails request) {
		List<CategoryCount> counts = all.stream().filter(c -> c.criteria().equals(criteria)).toList();
		String id = ContentIds.of("mr-", key(study, criteria, arm, asOf, counts));
		return StoredOnce.readOrStore(id, () -> daos.getResourceDao(MeasureReport.class)
				.read(new IdType("MeasureReport", id), request).getIdElement().toUnqualified().getValue(),
				() -> store(id, study, criteria, asOf, counts, request));
	}

	private String store(String id, ResearchStudy study, String criteria, LocalDate asOf, List<CategoryCount> counts,
			RequestDetails request) {
		MeasureReport report = new MeasureReport();
		report.setId(id);
		report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
		report.setType(MeasureReport.MeasureReportType.SUMMARY);
		report.setMeasure(MEASURE_BASE + criteria);
		report.setDate(new Date());
		Period period = new Period().setEndElement(new DateTimeType(asOf.toString()));
		if (study.getPeriod().hasStart()) {
			period.setStartElement(study.getPeriod().getStartElement().copy());
		}
		report.setPeriod(period);
		report.addEvaluatedResource(new Reference(study.getIdElement().toUnqualifiedVersionless().getValue()));
		for (CategoryCount total : counts.stream().filter(c -> c.arm().equals(ArmGroups.ALL)).toList()) {
			MeasureReport.MeasureReportGroupComponent group = report.addGroup();
			group.setCode(groupCode(total));
			populations(total, group, enrolled(counts, ArmGroups.ALL));
			score(total).ifPresent(group::setMeasureScore);
			MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
			stratifier.addCode().setText("arm");
			for (CategoryCount byArm : counts.stream().filter(c -> !c.arm().equals(ArmGroups.ALL)
					&& c.category().equals(total.category()) && java.util.Objects.equals(c.visit(), total.visit()))
					.toList()) {
				MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
				stratum.setValue(new CodeableConcept().setText(byArm.arm()));
				populations(byArm, stratum, enrolled(counts, byArm.arm()));
				score(byArm).ifPresent(stratum::setMeasureScore);
			}
		}
		return daos.getResourceDao(MeasureReport.class).update(report, request).getId().toUnqualified().getValue();
	}

	private static CodeableConcept groupCode(CategoryCount count) {
		return count.category().equals(StudyAggregator.RELAPSE)
				? new CodeableConcept().addCoding(new Coding("http://msc-lupus.org/fhir/CodeSystem/lupus-trial",
						count.criteria(), null)).setText("relapse at " + count.visit())
				: new CodeableConcept().addCoding(new Coding(RESPONSE, count.category(), null));
	}

	/** Subjects of the arm: the denominator of any response category. */
	private static int enrolled(List<CategoryCount> counts, String arm) {
		return counts.stream().filter(c -> c.arm().equals(arm) && !c.category().equals(StudyAggregator.RELAPSE))
				.mapToInt(CategoryCount::denominator).findFirst().orElse(0);
	}

	private static void populations(CategoryCount count, MeasureReport.MeasureReportGroupComponent group, int enrolled) {
		group.addPopulation().setCode(population("initial-population")).setCount(enrolled);
		group.addPopulation().setCode(population("denominator")).setCount(count.denominator());
		group.addPopulation().setCode(population("numerator")).setCount(count.count());
	}

	private static void populations(CategoryCount count, MeasureReport.StratifierGroupComponent stratum, int enrolled) {
		stratum.addPopulation().setCode(population("initial-population")).setCount(enrolled);
		stratum.addPopulation().setCode(population("denominator")).setCount(count.denominator());
		stratum.addPopulation().setCode(population("numerator")).setCount(count.count());
	}

	private static CodeableConcept population(String code) {
		return new CodeableConcept().addCoding(new Coding(POPULATION, code, null));
	}

	private static java.util.Optional<Quantity> score(CategoryCount count) {
		return count.rate() == null
				? java.util.Optional.empty()
				: java.util.Optional.of(new Quantity().setValue(BigDecimal.valueOf(count.rate()).setScale(4,
						RoundingMode.HALF_UP)));
	}

	private static String key(ResearchStudy study, String criteria, String arm, LocalDate asOf,
			List<CategoryCount> counts) {
		StringBuilder text = new StringBuilder(study.getIdElement().toUnqualifiedVersionless().getValue()).append('|')
				.append(criteria).append('|').append(arm).append('|').append(asOf).append('\n');
		counts.forEach(c -> text.append(c).append('\n'));
		return text.toString();
	}
}
