package org.msclupus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The one way this server builds and writes an OperationOutcome outside HAPI's own error handling (Tomcat's error
 * pages, Spring Security's refusals, the request size filter, 202 answers): always encoded by the FHIR parser of the
 * server's context, so escaping and content type are HAPI's.
 */
public final class OperationOutcomes {

	private OperationOutcomes() {
	}

	/** One issue of severity error. */
	public static OperationOutcome error(IssueType type, String diagnostics) {
		return single(IssueSeverity.ERROR, type, diagnostics);
	}

	/** One informational issue (a 202 answer's progress message). */
	public static OperationOutcome information(String diagnostics) {
		return single(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, diagnostics);
	}

	private static OperationOutcome single(IssueSeverity severity, IssueType type, String diagnostics) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
		return outcome;
	}

	public static String toJson(FhirContext fhirContext, OperationOutcome outcome) {
		return fhirContext.newJsonParser().encodeResourceToString(outcome);
	}

	/** Writes {@code outcome} as the whole response body with {@code status}, as FHIR JSON in UTF-8. */
	public static void write(FhirContext fhirContext, HttpServletResponse response, int status,
			OperationOutcome outcome) throws IOException {
		response.setStatus(status);
		response.setContentType(Constants.CT_FHIR_JSON_NEW);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(toJson(fhirContext, outcome));
	}
}
