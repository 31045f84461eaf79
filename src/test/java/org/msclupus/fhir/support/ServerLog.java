package org.msclupus.fhir.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the server in this JVM logs on the named loggers while a test runs: for facts a client cannot see, such as how
 * often the server repeated a transaction or why. Close it to stop listening.
 */
public final class ServerLog implements AutoCloseable {

	private final List<Logger> loggers = new ArrayList<>();
	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private ServerLog(String... loggerNames) {
		appender.start();
		for (String name : loggerNames) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			logger.addAppender(appender);
			loggers.add(logger);
		}
	}

	public static ServerLog listen(String... loggerNames) {
		return new ServerLog(loggerNames);
	}

	/** The formatted messages logged so far that contain {@code text}. */
	public List<String> messagesContaining(String text) {
		synchronized (appender) { // AppenderBase appends under the appender's lock
			return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text))
					.toList();
		}
	}

	@Override
	public void close() {
		loggers.forEach(logger -> logger.detachAppender(appender));
		appender.stop();
	}
}
