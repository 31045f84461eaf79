package org.msclupus.fhir.response;

import org.msclupus.fhir.design.Measure;
import java.math.BigDecimal;

/**
 * A measure's value at a visit with its change from baseline, in the canonical unit.
 *
 * @param change        value minus baseline; null without a baseline
 * @param percentChange the change as a percentage of baseline; null without a baseline or when it is 0
 */
public record MeasureChange(Measure measure, BigDecimal value, BigDecimal change, BigDecimal percentChange) {
}
