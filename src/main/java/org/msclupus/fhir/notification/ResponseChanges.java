package org.msclupus.fhir.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which of a subject's response categories changed: per criteria set, the category last recorded against the one
 * the data give now. A criteria set with no earlier category is recorded, not announced: nothing changed for a
 * subscriber that had nothing to compare with.
 */
public final class ResponseChanges {

	/** One criteria set's category moving from {@code from} to {@code to} (e.g. NR → PR). */
	public record Change(String criteria, String from, String to) {
	}

	private ResponseChanges() {
	}

	/**
	 * @param before the categories last recorded (or known before the write), by criteria set; a set absent has none
	 * @param now    the categories the data give now, by criteria set
	 */
	public static List<Change> between(Map<String, String> before, Map<String, String> now) {
		List<Change> changes = new ArrayList<>();
		now.forEach((criteria, category) -> {
			String previous = before.get(criteria);
			if (previous != null && category != null && !Objects.equals(previous, category)) {
				changes.add(new Change(criteria, previous, category));
			}
		});
		return changes;
	}
}
