package org.msclupus.fhir.operation;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.msclupus.fhir.server.OperationOutcomes;

/**
 * How the server's operations answer: content negotiation between FHIR and CSV, raw bytes for a Binary, and the 202
 * answer of an asynchronous request. One place, so every operation negotiates the same way.
 */
public final class OperationResponses {

	public static final String CSV = "text/csv";

	private OperationResponses() {
	}

	/** Whether the caller asked for CSV, by {@code _format=csv} or {@code Accept: text/csv}. */
	public static boolean wantsCsv(RequestDetails request) {
		String[] format = request.getParameters().get(Constants.PARAM_FORMAT);
		if (format != null && format.length > 0) {
			return format[0].equals("csv") || format[0].startsWith(CSV);
		}
		String accept = request.getHeader(Constants.HEADER_ACCEPT);
		return accept != null && accept.contains(CSV);
	}

	/** Whether the caller asked for an asynchronous answer ({@code Prefer: respond-async}). */
	public static boolean wantsAsync(RequestDetails request) {
		String prefer = request.getHeader(Constants.HEADER_PREFER);
		return prefer != null && prefer.toLowerCase(Locale.ROOT).contains(Constants.HEADER_PREFER_RESPOND_ASYNC);
	}

	/** A CSV document as a Binary, which {@link #respond} writes as raw bytes. */
	public static Binary csv(String text) {
		Binary csv = new Binary();
		csv.setContentType(CSV);
		csv.setData(text.getBytes(StandardCharsets.UTF_8));
		return csv;
	}

	/** Writes a result as HAPI writes any operation's: content negotiation, _pretty, and raw bytes for a Binary. */
	public static void respond(RequestDetails request, IBaseResource result) throws IOException {
		if (result instanceof Binary binary && CSV.equals(binary.getContentType())) {
			// Written here, not by HAPI: for a POST without a FHIR Accept type HAPI answers in the request body's
			// format, and would wrap the CSV in a JSON Binary.
			try (Writer writer = request.getResponse().getResponseWriter(200, CSV, Constants.CHARSET_NAME_UTF8,
					false)) {
				writer.write(new String(binary.getData(), StandardCharsets.UTF_8));
			}
			return;
		}
		RestfulServerUtils.streamResponseAsResource(request.getServer(), result,
				RestfulServerUtils.determineSummaryMode(request), 200, false, false, request);
	}

	/**
	 * Writes an operation's {@link Output}: as CSV (the rows named in {@code csvSections}, columns {@code csvColumns})
	 * when the caller asks for it, else as Parameters.
	 */
	public static void respond(RequestDetails request, Output output, List<String> csvColumns,
			Set<String> csvSections) throws IOException {
		if (wantsCsv(request)) {
			respond(request, csv(output.toCsv(csvColumns, csvSections)));
			return;
		}
		respond(request, output);
	}

	/** Writes an operation's {@link Output} as Parameters, negotiated as HAPI negotiates any resource. */
	public static void respond(RequestDetails request, Output output) throws IOException {
		RestfulServerUtils.ResponseEncoding encoding = RestfulServerUtils.determineResponseEncodingWithDefault(request);
		if (encoding.getEncoding() == EncodingEnum.JSON && plainEncoding(request) && OutputJson.canWrite(output)) {
			// What HAPI would write for output.toParameters(), written straight from the rows (OutputJson).
			try (Writer writer = request.getResponse().getResponseWriter(200, encoding.getResourceContentType(),
					Constants.CHARSET_NAME_UTF8, false)) {
				OutputJson.write(output, RestfulServerUtils.getNewParser(request.getFhirContext(),
						request.getFhirContext().getVersion().getVersion(), request), writer);
			}
			return;
		}
		respond(request, output.toParameters());
	}

	/** No pretty printing, summary or element selection asked for: HAPI's encoder would write the answer as is. */
	private static boolean plainEncoding(RequestDetails request) {
		Set<SummaryEnum> summary = RestfulServerUtils.determineSummaryMode(request);
		return !RestfulServerUtils.prettyPrintResponse(request.getServer(), request)
				&& (summary == null || summary.isEmpty() || summary.equals(Set.of(SummaryEnum.FALSE)))
				&& request.getParameters().keySet().stream().noneMatch(p -> p.startsWith(Constants.PARAM_ELEMENTS));
	}

	/** 202 Accepted: where to poll ({@code Content-Location}), how far it is, and an informational OperationOutcome. */
	public static void accepted(RequestDetails request, String statusUrl, String message) throws IOException {
		request.getResponse().addHeader(Constants.HEADER_CONTENT_LOCATION, statusUrl);
		request.getResponse().addHeader("X-Progress", message);
		request.getResponse().addHeader(Constants.HEADER_RETRY_AFTER, "2");
		try (Writer writer = request.getResponse().getResponseWriter(Constants.STATUS_HTTP_202_ACCEPTED,
				Constants.CT_FHIR_JSON_NEW, Constants.CHARSET_NAME_UTF8, false)) {
			writer.write(OperationOutcomes.toJson(request.getFhirContext(), OperationOutcomes.information(message)));
		}
	}

	/**
	 * 200 with a file that is no FHIR resource (a zip) as an attachment; {@code location}, when given, names where
	 * a copy was stored (Content-Location).
	 */
	public static void attachment(RequestDetails request, String contentType, byte[] content, String fileName,
			String location) throws IOException {
		request.getResponse().addHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		if (location != null) {
			request.getResponse().addHeader(Constants.HEADER_CONTENT_LOCATION, location);
		}
		try (java.io.OutputStream out = request.getResponse().getResponseOutputStream(200, contentType,
				content.length)) {
			out.write(content);
		}
	}
}
