package org.msclupus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Refuses malformed input before HAPI's parser, which is lenient by design, can store a guess of what was meant:
 * <ul>
 * <li>JSON bodies must be strict JSON (no single quotes, comments, NaN, trailing commas, duplicate keys, invalid
 * UTF-8, or nesting beyond Jackson's default limit);</li>
 * <li>XML bodies must not declare a DTD (no entity expansion, no external entities);</li>
 * <li>search control parameters must have valid values ({@code _count}, {@code _summary}, {@code _total},
 * {@code _format}) and modifiers must be ones FHIR defines;</li>
 * <li>a transaction must not touch one resource in two entries (FHIR: such a transaction fails);</li>
 * <li>a number that does not parse in a search (HAPI throws an internal error) is the caller's mistake: 400.</li>
 * </ul>
 */
@Interceptor
public class RequestInputGuard {

	private static final JsonFactory STRICT_JSON = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
	private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);
	private static final Set<String> SUMMARY = Set.of("true", "false", "text", "data", "count");
	private static final Set<String> TOTAL = Set.of("none", "estimate", "accurate");
	private static final Set<String> FORMATS = Set.of("json", "xml", "html", "csv", "ttl", "turtle", "rdf");
	private static final Set<String> MODIFIERS = Set.of("missing", "exact", "contains", "text", "not", "above", "below",
			"in", "not-in", "of-type", "identifier", "iterate", "recurse", "code-text", "text-advanced");
	private static final Set<RestOperationTypeEnum> SEARCHES = Set.of(RestOperationTypeEnum.SEARCH_TYPE,
			RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.HISTORY_TYPE,
			RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.HISTORY_INSTANCE);

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean checkRequest(RequestDetails request) {
		checkBody(request);
		if (isSearch(request)) {
			checkSearchParameters(request.getParameters());
		}
		return true;
	}

	private static boolean isSearch(RequestDetails request) {
		return request != null && request.getRestOperationType() != null
				&& SEARCHES.contains(request.getRestOperationType());
	}

	private static void checkBody(RequestDetails request) {
		String contentType = request.getHeader(Constants.HEADER_CONTENT_TYPE);
		if (contentType == null) {
			return;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		boolean json = type.contains("json") && !type.contains("json-patch");
		boolean xml = type.contains("xml");
		if (!json && !xml) {
			return;
		}
		byte[] body = request.loadRequestContents(); // HAPI keeps it and parses the same bytes afterwards
		if (body == null || body.length == 0) {
			return;
		}
		if (json) {
			checkJson(body);
		} else {
			checkXml(body);
		}
	}

	static void checkJson(byte[] body) {
		try (JsonParser parser = STRICT_JSON.createParser(body)) {
			while (parser.nextToken() != null) {
				// reading every token is the check
			}
		} catch (StreamConstraintsException e) {
			throw new InvalidRequestException("JSON body is nested too deeply or too large: " + e.getOriginalMessage());
		} catch (JsonParseException e) {
			throw new InvalidRequestException("JSON body is not valid JSON: " + e.getOriginalMessage()
					+ " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
		} catch (IOException e) {
			throw new InvalidRequestException("JSON body cannot be read: " + e.getMessage());
		}
	}

	/** No DTD, and a root element in the FHIR namespace (HAPI would read a namespace-less document too). */
	static void checkXml(byte[] body) {
		if (DOCTYPE.matcher(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)).find()) {
			throw new InvalidRequestException("XML with a document type declaration (DTD) is not accepted");
		}
		try {
			javax.xml.stream.XMLInputFactory factory = javax.xml.stream.XMLInputFactory.newFactory();
			factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
			factory.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
			javax.xml.stream.XMLStreamReader reader = factory.createXMLStreamReader(new java.io.ByteArrayInputStream(body));
			while (reader.hasNext() && reader.next() != javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
				// skip the prolog
			}
			if (!reader.isStartElement() || !"http://hl7.org/fhir".equals(reader.getNamespaceURI())) {
				throw new InvalidRequestException("XML body must have a root element in the FHIR namespace "
						+ "http://hl7.org/fhir");
			}
		} catch (javax.xml.stream.XMLStreamException e) {
			throw new InvalidRequestException("XML body is not well-formed: " + e.getMessage());
		}
	}

	static void checkSearchParameters(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			for (String value : parameter.getValue()) {
				switch (name) {
					case Constants.PARAM_COUNT -> {
						if (!value.matches("\\d{1,9}")) {
							throw new InvalidRequestException("_count must be a non-negative integer, not '" + value + "'");
						}
					}
					case Constants.PARAM_SUMMARY -> require(SUMMARY.contains(value), "_summary", value, SUMMARY);
					case "_total" -> require(TOTAL.contains(value), "_total", value, TOTAL);
					case Constants.PARAM_FORMAT -> {
						String format = value.toLowerCase(Locale.ROOT);
						boolean known = FORMATS.contains(format)
								|| format.startsWith("application/") && (format.contains("json") || format.contains("xml"))
								|| format.startsWith("text/") && (format.contains("html") || format.contains("xml")
										|| format.contains("csv") || format.contains("turtle"));
						require(known, "_format", value, FORMATS);
					}
					default -> {
						// checked below
					}
				}
			}
			int colon = name.indexOf(':');
			if (colon > 0 && !name.startsWith("_has:")) {
				String modifier = name.substring(colon + 1);
				boolean resourceTypeModifier = !modifier.isEmpty() && Character.isUpperCase(modifier.charAt(0));
				if (!MODIFIERS.contains(modifier) && !resourceTypeModifier && !name.startsWith("_include")
						&& !name.startsWith("_revinclude")) {
					throw new InvalidRequestException("Unknown search modifier ':" + modifier + "' in parameter " + name);
				}
			}
		}
	}

	private static void require(boolean ok, String parameter, String value, Set<String> allowed) {
		if (!ok) {
			throw new InvalidRequestException(parameter + " must be one of " + allowed + ", not '" + value + "'");
		}
	}

	/** FHIR: a transaction whose entries touch the same resource twice fails. */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void checkTransaction(IBaseBundle bundle) {
		if (!(bundle instanceof Bundle transaction) || transaction.getType() != Bundle.BundleType.TRANSACTION) {
			return;
		}
		Set<String> targets = new HashSet<>();
		for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
			Bundle.HTTPVerb verb = entry.getRequest().getMethod();
			String url = entry.getRequest().getUrl();
			if (url == null || url.contains("?") || !List.of(Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.DELETE,
					Bundle.HTTPVerb.PATCH).contains(verb)) {
				continue;
			}
			if (!targets.add(url.replaceAll("/_history/.*", ""))) {
				throw new InvalidRequestException("Transaction touches " + url + " in more than one entry");
			}
		}
	}

	/**
	 * Two kinds of HAPI failure are the caller's mistake, not a server error: a search number that does not parse
	 * (HAPI lets the NumberFormatException through), and a body its parser trips over instead of reporting (an
	 * extension array of arrays, a contained resource with an empty type). Both become 400.
	 */
	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException badInput(RequestDetails request, Throwable exception) {
		if (request == null || exception instanceof BaseServerResponseException e && e.getStatusCode() < 500) {
			return null;
		}
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (isSearch(request) && (cause instanceof NumberFormatException || cause instanceof ArithmeticException)) {
				return new InvalidRequestException("A search parameter holds a value that is not a valid number: "
						+ cause.getMessage());
			}
			if (!(cause instanceof BaseServerResponseException) && thrownWhileParsing(cause)) {
				return new InvalidRequestException("The request body could not be parsed: " + cause);
			}
		}
		return null;
	}

	private static boolean thrownWhileParsing(Throwable exception) {
		for (StackTraceElement frame : exception.getStackTrace()) {
			if (frame.getClassName().startsWith("ca.uhn.fhir.parser.")
					&& frame.getMethodName().toLowerCase(Locale.ROOT).contains("parse")) {
				return true;
			}
		}
		return false;
	}
}
