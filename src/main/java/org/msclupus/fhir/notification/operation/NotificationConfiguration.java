package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.audit.AuditTrail;
import org.msclupus.fhir.notification.BackportIg;
import org.msclupus.fhir.notification.Topic;
import org.msclupus.fhir.records.ResponseEvidenceIndex;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.server.FhirServerProperties;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Topic-based notifications: events recorded with the writes that cause them, delivered by every node's dispatcher,
 * and the operations $status, $events and $notifications (ADR 0018).
 */
@Configuration
public class NotificationConfiguration {

	/** The notification tables join HAPI's persistence unit, schema and transactions. */
	@Bean
	public static PersistenceUnitPostProcessor notificationEntities() {
		return unit -> List.of(TopicEventRow.class, NotificationRow.class, SubscriptionStateRow.class,
				ResponseRecheckRow.class, StudyRecheckRow.class, ResponseStateRow.class).forEach(c -> unit.addManagedClassName(c.getName()));
	}

	@Bean
	public TopicEventRecorder topicEventRecorder(EntityManager entityManager, DaoRegistry daos, Clock clock,
			IInterceptorService interceptors, ResponseEvidenceIndex evidence) {
		TopicEventRecorder recorder = new TopicEventRecorder(entityManager, daos, clock);
		interceptors.registerInterceptor(recorder);
		evidence.addListener(recorder);
		return recorder;
	}

	@Bean
	public SubscriptionGuard subscriptionGuard(EntityManager entityManager, CriteriaCatalog catalog, Clock clock,
			IInterceptorService interceptors) {
		SubscriptionGuard guard = new SubscriptionGuard(entityManager, catalog::codes, clock);
		interceptors.registerInterceptor(guard);
		return guard;
	}

	@Bean
	NotificationParts notificationParts(EntityManager entityManager, PlatformTransactionManager transactionManager,
			DaoRegistry daos, SubjectDataReader reader, CriteriaCatalog catalog, SiteRoster roster,
			FhirContext fhirContext, AuditTrail trail, NotificationProperties properties, FhirServerProperties server,
			Clock clock, SubscriptionGuard guard, LocalPort port) {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		Supplier<List<String>> criteria = catalog::codes;
		Supplier<String> base = () -> serverBase(server, port.get());
		ActiveSubscriptions active = new ActiveSubscriptions(daos, criteria);
		String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
		Deliveries deliveries = new Deliveries(entityManager, transactions, daos, roster, fhirContext,
				new RestHookSender(properties.deliveryTimeout()), new DeliveryAudit(trail, base),
				properties.retrySchedule(), properties.deliveryTimeout(), node, base, clock);
		NotificationDispatcher dispatcher = new NotificationDispatcher(active,
				new ResponseRechecks(entityManager, transactions, daos, reader, catalog, clock),
				new FanOut(entityManager, transactions), deliveries, properties, clock);
		return new NotificationParts(dispatcher,
				new NotificationQueries(entityManager, transactions, active, guard, deliveries, criteria));
	}

	/**
	 * The base URL notifications name the server by: msc.fhir.server-address, else this node's own address on
	 * localhost (right for receivers on the same machine; a deployment sets the address its receivers reach).
	 */
	static String serverBase(FhirServerProperties server, int port) {
		String configured = server.serverAddress();
		if (!configured.isBlank()) {
			return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		}
		return "http://localhost:" + port + "/fhir";
	}

	/** The port this node's web server listens on, known once it has started. */
	static final class LocalPort implements ApplicationListener<WebServerInitializedEvent> {
		private volatile int port = 8080;

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			port = event.getWebServer().getPort();
		}

		int get() {
			return port;
		}
	}

	@Bean
	LocalPort notificationLocalPort() {
		return new LocalPort();
	}

	/** The dispatcher and the queries, built together from one set of parts. */
	record NotificationParts(NotificationDispatcher dispatcher, NotificationQueries queries) {
	}

	@Bean
	NotificationDispatcher notificationDispatcher(NotificationParts parts) {
		return parts.dispatcher();
	}

	@Bean
	public SubscriptionStatusProvider subscriptionStatusProvider(NotificationParts parts) {
		return new SubscriptionStatusProvider(parts.queries());
	}

	@Bean
	public StudyNotificationsProvider studyNotificationsProvider(NotificationParts parts, DaoRegistry daos) {
		return new StudyNotificationsProvider(parts.queries(),
				(study, request) -> daos.getResourceDao(ResearchStudy.class).read(study.toUnqualifiedVersionless(), request));
	}

	/** The CapabilityStatement advertises the topics as the backport IG says for R4. */
	@Bean
	public RestfulServerCustomizer topicsInCapabilityStatement() {
		return server -> server.registerInterceptor(new Object() {
			@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
			public void advertise(IBaseConformance statement) {
				if (!(statement instanceof CapabilityStatement capabilities)) {
					return;
				}
				for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
					for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
						if (resource.getType().equals("Subscription")) {
							Topic.canonicals().forEach(c -> resource.addExtension(BackportIg.TOPIC_CANONICAL,
									new CanonicalType(c)));
							resource.addSupportedProfile(BackportIg.SUBSCRIPTION_PROFILE);
						}
					}
				}
			}
		});
	}
}
