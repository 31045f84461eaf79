package org.msclupus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies larger than {@code msc.fhir.max-request-size} with 413 and an OperationOutcome, before
 * anything is parsed or stored. A declared Content-Length is checked up front; a chunked body is counted as it is
 * read and aborted (HAPI turns the exception into the same 413 OperationOutcome).
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final FhirContext fhirContext;
	private final long maxBytes;

	public RequestSizeLimitFilter(FhirContext fhirContext, long maxBytes) {
		this.fhirContext = fhirContext;
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			writeTooLarge(response);
			return;
		}
		chain.doFilter(declared >= 0 ? request : new LimitedRequest(request, maxBytes), response);
	}

	private String message() {
		return "Request body exceeds the maximum allowed size of " + maxBytes + " bytes";
	}

	private void writeTooLarge(HttpServletResponse response) throws IOException {
		// The unread body is left on the socket: close the connection rather than drain megabytes.
		response.setHeader("Connection", "close");
		OperationOutcomes.write(fhirContext, response, 413,
				OperationOutcomes.error(OperationOutcome.IssueType.TOOLONG, message()));
	}

	private final class LimitedRequest extends HttpServletRequestWrapper {
		private final long limit;
		private ServletInputStream limited;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (limited == null) {
				limited = new LimitedInputStream(super.getInputStream(), limit);
			}
			return limited;
		}
	}

	private final class LimitedInputStream extends ServletInputStream {
		private final ServletInputStream delegate;
		private final long limit;
		private long count;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		private void add(long n) {
			count += n;
			if (count > limit) {
				throw new PayloadTooLargeException(message());
			}
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}
