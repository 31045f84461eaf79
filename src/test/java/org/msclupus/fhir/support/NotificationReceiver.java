package org.msclupus.fhir.support;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;

/**
 * A rest-hook receiver on the loopback address, as a subscriber would run one: records each notification bundle it
 * is sent with its headers, answers 200, and can be stopped and started again on the same port (an outage).
 */
public final class NotificationReceiver implements AutoCloseable {

	/** One notification as received. */
	public record Received(Bundle bundle, Map<String, List<String>> headers, String body) {

		/** The status entry's parameter, e.g. {@code type} or {@code events-since-subscription-start}. */
		public String status(String name) {
			Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
			return status.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
					.map(p -> p.getValue().primitiveValue()).orElse(null);
		}

		/** The event numbers the bundle carries. */
		public List<String> eventNumbers() {
			Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
			return status.getParameter().stream().filter(p -> p.getName().equals("notification-event"))
					.map(p -> p.getPart().stream().filter(x -> x.getName().equals("event-number")).findFirst()
							.orElseThrow().getValue().primitiveValue()).toList();
		}

		/** The focus references of the bundle's events. */
		public List<String> foci() {
			Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
			return status.getParameter().stream().filter(p -> p.getName().equals("notification-event"))
					.flatMap(p -> p.getPart().stream().filter(x -> x.getName().equals("focus")))
					.map(x -> ((org.hl7.fhir.r4.model.Reference) x.getValue()).getReference()).toList();
		}
	}

	private final int port;
	private final List<Received> received = new CopyOnWriteArrayList<>();
	private HttpServer server;

	private NotificationReceiver(int port) {
		this.port = port;
	}

	/** A receiver on a free loopback port, listening. */
	public static NotificationReceiver start() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		NotificationReceiver receiver = new NotificationReceiver(port);
		receiver.listen();
		return receiver;
	}

	/** A receiver whose port is chosen but which is not listening yet (the endpoint is down). */
	public static NotificationReceiver down() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
			return new NotificationReceiver(socket.getLocalPort());
		}
	}

	public void listen() throws IOException {
		server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 0);
		server.createContext("/hook", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, body);
				received.add(new Received(bundle, Map.copyOf(exchange.getRequestHeaders()), body));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
	}

	public void stopListening() {
		if (server != null) {
			server.stop(0);
			server = null;
		}
	}

	public String endpoint() {
		return "http://127.0.0.1:" + port + "/hook";
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	/** The notifications of one type ({@code event-notification}, {@code heartbeat}). */
	public List<Received> ofType(String type) {
		return received.stream().filter(r -> type.equals(r.status("type"))).toList();
	}

	/** Waits until {@code done} holds for what was received, or fails after {@code within}. */
	public List<Received> await(Duration within, Predicate<List<Received>> done) throws InterruptedException {
		Instant end = Instant.now().plus(within);
		while (Instant.now().isBefore(end)) {
			if (done.test(received())) {
				return received();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Not received within " + within + "; got " + received.size() + " notifications: "
				+ received.stream().map(Received::body).toList());
	}

	@Override
	public void close() {
		stopListening();
	}
}
