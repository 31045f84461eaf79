package org.msclupus.fhir.response.operation;

import java.util.Map;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.Sri4;
import org.msclupus.fhir.response.ThresholdOverrides;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Threshold overrides per criteria set ({@code msc.response.<criteria>.<threshold>}). The defaults are the criteria
 * sets' own ({@code Thresholds.DEFAULTS}, from the trial specification); a deployment sets only what it changes, for
 * example {@code MSC_RESPONSE_LNRENALRESPONSE_PREDNISONEMAXMGPERDAY=7.5}. An unknown name or a malformed value stops
 * the server at start-up, naming it.
 */
@ConfigurationProperties("msc.response")
public class ResponseCriteriaProperties {

	private final LnRenalResponse.Thresholds lnRenalResponse;
	private final Sri4.Thresholds sri4;
	private final BilagMcrPcr.Thresholds bilagMcrPcr;
	private final ChangeFromBaseline.Thresholds changeFromBaseline;

	public ResponseCriteriaProperties(Map<String, String> lnRenalResponse, Map<String, String> sri4,
			Map<String, String> bilagMcrPcr, Map<String, String> changeFromBaseline) {
		this.lnRenalResponse = ThresholdOverrides.apply(LnRenalResponse.CODE, LnRenalResponse.Thresholds.DEFAULTS,
				lnRenalResponse);
		this.sri4 = ThresholdOverrides.apply(Sri4.CODE, Sri4.Thresholds.DEFAULTS, sri4);
		this.bilagMcrPcr = ThresholdOverrides.apply(BilagMcrPcr.CODE, BilagMcrPcr.Thresholds.DEFAULTS, bilagMcrPcr);
		this.changeFromBaseline = ThresholdOverrides.apply(ChangeFromBaseline.CODE,
				ChangeFromBaseline.Thresholds.DEFAULTS, changeFromBaseline);
	}

	public LnRenalResponse.Thresholds lnRenalResponse() {
		return lnRenalResponse;
	}

	public Sri4.Thresholds sri4() {
		return sri4;
	}

	public BilagMcrPcr.Thresholds bilagMcrPcr() {
		return bilagMcrPcr;
	}

	public ChangeFromBaseline.Thresholds changeFromBaseline() {
		return changeFromBaseline;
	}
}
