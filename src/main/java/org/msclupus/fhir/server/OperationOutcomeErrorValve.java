package org.msclupus.fhir.server;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Errors that Tomcat answers itself, before the FHIR servlet sees the request (a malformed or too long request line
 * or header, an illegal character in the path), come back as an OperationOutcome instead of Tomcat's HTML page.
 */
public class OperationOutcomeErrorValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String message = response.getMessage() == null || response.getMessage().isBlank()
				? "The request was refused before it reached the FHIR server (HTTP " + status + ")"
				: response.getMessage();
		String json = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
				+ (status == 413 ? "too-long" : "invalid") + "\",\"diagnostics\":\"" + escape(message) + "\"}]}";
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

	private static String escape(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			} else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			} else {
				out.append(c);
			}
		}
		return out.toString();
	}
}
