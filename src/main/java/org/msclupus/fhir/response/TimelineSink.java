package org.msclupus.fhir.response;

import org.msclupus.fhir.design.Infusion;

/**
 * What one source record contributes to a subject's time line: measurements, MSC infusions, glucocorticoid courses,
 * or a note on why it could not be used. The time line's builder is one sink; a record of the contributions, kept
 * to be replayed later, is another.
 */
public interface TimelineSink {

	TimelineSink measurement(Measurement measurement);

	TimelineSink infusion(Infusion infusion);

	TimelineSink course(GlucocorticoidCourse course);

	TimelineSink ignored(String note);
}
