package org.msclupus.fhir.safety.operation;

import java.util.Objects;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.msclupus.fhir.response.ThresholdOverrides;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.safety.SafetyThresholds;
import org.msclupus.fhir.safety.VitalSign;
import org.msclupus.fhir.safety.VitalSignCriteria;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Windows and vital-sign criteria of {@code $safety-summary} ({@code msc.safety.*}); the defaults live in
 * {@link SafetyThresholds#DEFAULTS} and {@link VitalSignCriteria#DEFAULTS}, and a deployment overrides single values,
 * for example {@code MSC_SAFETY_INFUSIONREACTIONHOURS=48} or
 * {@code msc.safety.vital-signs.systolic-bp.high=170}.
 */
@ConfigurationProperties("msc.safety")
public record SafetyProperties(Integer infusionReactionHours, Integer baselineWindowDays,
		Integer monthVisitWindowDays, Integer yearVisitWindowDays, Map<String, Map<String, String>> vitalSigns,
		List<String> susarRelatedness) {

	/** Causality that counts as related for expedited reporting, unless configured: related and possibly related. */
	static final List<String> DEFAULT_SUSAR_RELATEDNESS = List.of("related", "possibly");

	/**
	 * The relatedness categories ({@code msc.safety.susar-relatedness}: related, possibly, unrelated, unknown) that
	 * make a serious unexpected event a candidate for expedited reporting.
	 *
	 * @throws IllegalArgumentException for an unknown category, naming it (the server does not start)
	 */
	public java.util.Set<SafetyData.Relatedness> susarRelated() {
		java.util.Set<SafetyData.Relatedness> related = java.util.EnumSet.noneOf(SafetyData.Relatedness.class);
		for (String code : susarRelatedness == null || susarRelatedness.isEmpty() ? DEFAULT_SUSAR_RELATEDNESS
				: susarRelatedness) {
			related.add(java.util.Arrays.stream(SafetyData.Relatedness.values())
					.filter(r -> r.code().equals(code.trim())).findFirst()
					.orElseThrow(() -> new IllegalArgumentException("Unknown relatedness '" + code
							+ "' under msc.safety.susar-relatedness; known: " + java.util.Arrays.stream(
							SafetyData.Relatedness.values()).map(SafetyData.Relatedness::code).toList())));
		}
		return related;
	}

	/**
	 * The vital-sign criteria with the configured overrides.
	 *
	 * @throws IllegalArgumentException for an unknown sign or criterion, naming it (the server does not start)
	 */
	public Map<VitalSign, VitalSignCriteria> vitalSignCriteria() {
		Map<VitalSign, VitalSignCriteria> criteria = new EnumMap<>(VitalSignCriteria.DEFAULTS);
		if (vitalSigns != null) {
			vitalSigns.forEach((name, overrides) -> {
				VitalSign sign = java.util.Arrays.stream(VitalSign.values())
						.filter(v -> ThresholdOverrides.uniform(v.code()).equals(ThresholdOverrides.uniform(name)))
						.findFirst()
						.orElseThrow(() -> new IllegalArgumentException("Unknown vital sign '" + name
								+ "' under msc.safety.vital-signs; known: " + java.util.Arrays.stream(VitalSign.values())
								.map(VitalSign::code).toList()));
				criteria.put(sign, ThresholdOverrides.apply(sign.code(), criteria.get(sign), overrides));
			});
		}
		return criteria;
	}

	public SafetyThresholds thresholds() {
		SafetyThresholds defaults = SafetyThresholds.DEFAULTS;
		return new SafetyThresholds(
				Objects.requireNonNullElse(infusionReactionHours, defaults.infusionReactionHours()),
				Objects.requireNonNullElse(baselineWindowDays, defaults.baselineWindowDays()),
				Objects.requireNonNullElse(monthVisitWindowDays, defaults.monthVisitWindowDays()),
				Objects.requireNonNullElse(yearVisitWindowDays, defaults.yearVisitWindowDays()));
	}
}
