package org.msclupus.fhir.evaluation;

import java.util.Objects;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.Sri4;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Threshold overrides per criteria set ({@code msc.response.<criteria>.<threshold>}). application.yaml lists every
 * default; a deployment overrides single values, for example {@code MSC_RESPONSE_LNRENALRESPONSE_PREDNISONEMAXMGPERDAY}.
 */
@ConfigurationProperties("msc.response")
public record ResponseCriteriaProperties(LnRenalResponse.Thresholds lnRenalResponse, Sri4.Thresholds sri4,
		BilagMcrPcr.Thresholds bilagMcrPcr, ChangeFromBaseline.Thresholds changeFromBaseline) {

	public ResponseCriteriaProperties {
		lnRenalResponse = Objects.requireNonNullElse(lnRenalResponse, LnRenalResponse.Thresholds.DEFAULTS);
		sri4 = Objects.requireNonNullElse(sri4, Sri4.Thresholds.DEFAULTS);
		bilagMcrPcr = Objects.requireNonNullElse(bilagMcrPcr, BilagMcrPcr.Thresholds.DEFAULTS);
		changeFromBaseline = Objects.requireNonNullElse(changeFromBaseline, ChangeFromBaseline.Thresholds.DEFAULTS);
	}
}
