package org.msclupus.fhir.safety.operation;

import java.util.Objects;
import org.msclupus.fhir.safety.SafetyThresholds;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Windows of {@code $safety-summary} ({@code msc.safety.*}); application.yaml lists the defaults, and a deployment
 * overrides single values, for example {@code MSC_SAFETY_INFUSIONREACTIONHOURS=48}.
 */
@ConfigurationProperties("msc.safety")
public record SafetyProperties(Integer infusionReactionHours, Integer baselineWindowDays,
		Integer monthVisitWindowDays, Integer yearVisitWindowDays) {

	public SafetyThresholds thresholds() {
		SafetyThresholds defaults = SafetyThresholds.DEFAULTS;
		return new SafetyThresholds(
				Objects.requireNonNullElse(infusionReactionHours, defaults.infusionReactionHours()),
				Objects.requireNonNullElse(baselineWindowDays, defaults.baselineWindowDays()),
				Objects.requireNonNullElse(monthVisitWindowDays, defaults.monthVisitWindowDays()),
				Objects.requireNonNullElse(yearVisitWindowDays, defaults.yearVisitWindowDays()));
	}
}
