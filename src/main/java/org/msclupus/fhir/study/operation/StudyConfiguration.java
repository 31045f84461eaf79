package org.msclupus.fhir.study.operation;

import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.msclupus.fhir.design.fhir.StudySchedules;
import org.msclupus.fhir.records.StudyOutcomes;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Study-level evaluation: the ResearchStudy $evaluate-response provider, its job and its status URL. */
@Configuration
public class StudyConfiguration {

	@Bean
	public StudyEvaluation studyEvaluation(CriteriaCatalog catalog, StudyOutcomes outcomes, DaoRegistry daos,
			StudySchedules schedules) {
		return new StudyEvaluation(catalog, outcomes, new StudyReportRecorder(daos), schedules);
	}

	@Bean
	public StudyEvaluationJob studyEvaluationJob(StudyEvaluation evaluation, DaoRegistry daos,
			FhirContext fhirContext) {
		return new StudyEvaluationJob(evaluation, daos, fhirContext);
	}

	/** Registered with batch2 by HAPI, which collects every JobDefinition bean at start-up. */
	@Bean
	public JobDefinition<StudyEvaluationJob.Parameters> studyEvaluationJobDefinition(StudyEvaluationJob job) {
		return job.definition();
	}

}
