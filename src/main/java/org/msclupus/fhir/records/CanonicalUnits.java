package org.msclupus.fhir.records;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.MolarConversion;

/**
 * Converts a value to its measure's canonical unit. Conversions within one dimension (mg/dL to g/L, mg/(24.h) to
 * g/(24.h)) come from UCUM; the molar ones UCUM cannot do without a molar mass use the trial specification's
 * factors ({@link MolarConversion}, beside the rules).
 */
public final class CanonicalUnits {

	private final UcumEssenceService ucum;
	private final Map<String, Optional<BigDecimal>> factorCache = new ConcurrentHashMap<>();

	public CanonicalUnits() {
		try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
			if (essence == null) {
				throw new IllegalStateException("ucum-essence.xml is not on the classpath");
			}
			this.ucum = new UcumEssenceService(essence);
		} catch (IOException | UcumException e) {
			throw new IllegalStateException("Cannot load the UCUM definitions", e);
		}
	}

	/** The value in the canonical unit, or empty when the unit is not convertible to it. */
	public Optional<BigDecimal> toCanonical(Measure measure, BigDecimal value, String unit) {
		String canonical = measure.canonicalUnit();
		if (canonical.equals("{score}")) {
			// Scores carry no dimension: accept no unit, {score} or any other annotation of 1.
			return unit == null || unit.isEmpty() || unit.equals("1") || unit.matches("\\{[^}]*}")
					? Optional.of(value)
					: Optional.empty();
		}
		if (unit == null || unit.isEmpty()) {
			return Optional.empty();
		}
		if (unit.equals(canonical)) {
			return Optional.of(value);
		}
		Optional<BigDecimal> molar = MolarConversion.toCanonical(measure, value, unit);
		if (molar.isPresent()) {
			return molar;
		}
		Optional<BigDecimal> sameDimension = factor(unit, canonical).map(value::multiply);
		if (sameDimension.isPresent()) {
			return sameDimension;
		}
		// The molar unit in another spelling or scale (umol/l, mmol/L): by UCUM to the unit the specification's
		// factor is for, then the factor.
		return MolarConversion.molarUnit(measure).flatMap(molarUnit -> factor(unit, molarUnit)
				.flatMap(f -> MolarConversion.toCanonical(measure, value.multiply(f), molarUnit)));
	}

	/** {@code value} in {@code from} converted to {@code to} (UCUM codes); empty when they are not commensurable. */
	public Optional<BigDecimal> convert(BigDecimal value, String from, String to) {
		if (from == null || to == null) {
			return Optional.empty();
		}
		return from.equals(to) ? Optional.of(value) : factor(from, to).map(value::multiply);
	}

	/** A duration (a dosage timing period such as 1 wk or 12 h) in days, converted directly to keep 12 h = 0.5 d. */
	public Optional<BigDecimal> toCanonicalDays(BigDecimal value, String unit) {
		try {
			synchronized (ucum) {
				return Optional.of(clean(ucum.convert(new Decimal(value.toPlainString()), unit, "d")));
			}
		} catch (UcumException | RuntimeException e) {
			return Optional.empty();
		}
	}

	// UCUM's own decimals can end in noise (12 h = 0.50000000000000000000000000000004 d).
	private static BigDecimal clean(Decimal converted) {
		return new BigDecimal(converted.asDecimal()).round(new java.math.MathContext(15)).stripTrailingZeros();
	}

	private Optional<BigDecimal> factor(String from, String to) {
		return factorCache.computeIfAbsent(from + "\u0000" + to, k -> {
			try {
				synchronized (ucum) {
					Decimal converted = ucum.convert(new Decimal(1), from, to);
					return Optional.of(clean(converted));
				}
			} catch (UcumException | RuntimeException e) {
				return Optional.empty(); // different dimensions or an unknown unit
			}
		});
	}
}
