package org.msclupus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Errors that Tomcat answers itself, before the FHIR servlet sees the request (a malformed or too long request line
 * or header, an illegal character in the path), come back as an OperationOutcome instead of Tomcat's HTML page.
 */
public class OperationOutcomeErrorValve extends ErrorReportValve {

	private final FhirContext fhirContext;

	public OperationOutcomeErrorValve(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String message = response.getMessage() == null || response.getMessage().isBlank()
				? "The request was refused before it reached the FHIR server (HTTP " + status + ")"
				: response.getMessage();
		String json = OperationOutcomes.toJson(fhirContext, OperationOutcomes.error(
				status == 413 ? OperationOutcome.IssueType.TOOLONG : OperationOutcome.IssueType.INVALID, message));
		try {
			response.setContentType("application/fhir+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json);
				response.finishResponse();
			}
		} catch (IOException | IllegalStateException e) {
			// the client is gone; nothing more to tell it
		}
	}
}
