package org.msclupus.fhir.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

/**
 * Where start-up goes, step by step (docs/benchmarks.md): with {@code -Dmsc.startup-trace=FILE} the application
 * records Spring's start-up steps (each bean created, configuration classes parsed, repositories made) and, once
 * started, writes them to FILE with the time each took itself (its own time less its inner steps'), longest
 * first. Off unless asked: recording the steps costs memory and a little time.
 */
public final class StartupTrace {

	public static final String PROPERTY = "msc.startup-trace";
	private static final int MAX_STEPS = 100_000;

	/** One step: its own time, its time with inner steps, its name and tags (e.g. {@code beanName=...}). */
	public record Step(long selfMillis, long totalMillis, String name, String tags) {
		@Override
		public String toString() {
			return String.format("%7d ms self %7d ms total  %s %s", selfMillis, totalMillis, name, tags).stripTrailing();
		}
	}

	private StartupTrace() {
	}

	/** Runs the application, tracing its start-up if {@value #PROPERTY} names a file. */
	public static void run(SpringApplication application, String[] args) {
		String file = System.getProperty(PROPERTY);
		if (file == null || file.isBlank()) {
			application.run(args);
			return;
		}
		BufferingApplicationStartup startup = new BufferingApplicationStartup(MAX_STEPS);
		application.setApplicationStartup(startup);
		application.run(args);
		List<String> lines = stepsOf(startup.getBufferedTimeline()).stream().map(Step::toString).toList();
		try {
			Files.write(Path.of(file), lines);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write the start-up trace to " + file, e);
		}
	}

	/** The timeline's steps with their own times, longest first. */
	public static List<Step> stepsOf(StartupTimeline timeline) {
		Map<Long, Long> innerMillis = new HashMap<>();
		for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				innerMillis.merge(parent, event.getDuration().toMillis(), Long::sum);
			}
		}
		List<Step> steps = new ArrayList<>();
		for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
			StartupStep step = event.getStartupStep();
			long total = event.getDuration().toMillis();
			StringBuilder tags = new StringBuilder();
			step.getTags().forEach(tag -> tags.append(tag.getKey()).append('=').append(tag.getValue()).append(' '));
			steps.add(new Step(total - innerMillis.getOrDefault(step.getId(), 0L), total, step.getName(),
					tags.toString().trim()));
		}
		steps.sort(Comparator.comparingLong(Step::selfMillis).reversed());
		return steps;
	}
}
