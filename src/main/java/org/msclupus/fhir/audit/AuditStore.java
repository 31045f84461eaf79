package org.msclupus.fhir.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Appends audit records to {@code MSC_AUDIT_EVENT} and {@code MSC_AUDIT_ENTITY} and reads them back, in plain JDBC on
 * the connection it is given: a write's records go on the write's own connection, inside its transaction.
 */
public final class AuditStore {

	/** One record as stored: the columns searched on, and the AuditEvent's JSON. */
	public record Row(String id, Instant recorded, String action, String subtype, String outcome,
			Set<String> references, String body) {
	}

	private static final String INSERT_EVENT = "INSERT INTO " + AuditRecord.TABLE
			+ " (ID, RECORDED, ACTION, SUBTYPE, OUTCOME, BODY) VALUES (?, ?, ?, ?, ?, ?)";
	private static final String INSERT_ENTITY = "INSERT INTO " + AuditRecord.ENTITY_TABLE
			+ " (EVENT_ID, REF) VALUES (?, ?)";

	private AuditStore() {
	}

	/** Appends the rows in two batched statements; the caller owns the connection and its transaction. */
	public static void append(Connection connection, Collection<Row> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		try (PreparedStatement events = connection.prepareStatement(INSERT_EVENT)) {
			for (Row row : rows) {
				events.setString(1, row.id());
				events.setObject(2, OffsetDateTime.ofInstant(row.recorded(), ZoneOffset.UTC));
				events.setString(3, row.action());
				events.setString(4, row.subtype());
				events.setString(5, row.outcome());
				events.setString(6, row.body());
				events.addBatch();
			}
			events.executeBatch();
		}
		boolean anyReference = rows.stream().anyMatch(row -> !row.references().isEmpty());
		if (anyReference) {
			try (PreparedStatement entities = connection.prepareStatement(INSERT_ENTITY)) {
				for (Row row : rows) {
					for (String reference : row.references()) {
						entities.setString(1, row.id());
						entities.setString(2, reference);
						entities.addBatch();
					}
				}
				entities.executeBatch();
			}
		}
	}

	/** The JSON of one record. */
	public static Optional<String> body(Connection connection, String id) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT BODY FROM " + AuditRecord.TABLE + " WHERE ID = ?")) {
			select.setString(1, id);
			try (ResultSet result = select.executeQuery()) {
				return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
			}
		}
	}

	/** Which of these ids are stored. */
	public static Set<String> existing(Connection connection, Collection<String> ids) throws SQLException {
		Set<String> found = new java.util.HashSet<>();
		if (ids.isEmpty()) {
			return found;
		}
		List<Object> parameters = new ArrayList<>();
		String sql = "SELECT ID FROM " + AuditRecord.TABLE + " WHERE ID" + in(List.copyOf(ids), parameters);
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			bind(select, parameters);
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					found.add(result.getString(1));
				}
			}
		}
		return found;
	}

	/** How many records the query matches, whatever its offset and count. */
	public static int count(Connection connection, AuditQuery query) throws SQLException {
		List<Object> parameters = new ArrayList<>();
		String where = where(query, parameters);
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT COUNT(*) FROM " + AuditRecord.TABLE + " e" + where)) {
			bind(select, parameters);
			try (ResultSet result = select.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	/** The JSON of the records the query matches, in order of recording, from its offset, at most its count. */
	public static List<String> bodies(Connection connection, AuditQuery query) throws SQLException {
		List<Object> parameters = new ArrayList<>();
		String direction = query.newestFirst() ? " DESC" : "";
		String sql = "SELECT e.BODY FROM " + AuditRecord.TABLE + " e" + where(query, parameters)
				+ " ORDER BY e.RECORDED" + direction + ", e.ID" + direction + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
		parameters.add(query.offset());
		parameters.add(query.count());
		List<String> bodies = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			bind(select, parameters);
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					bodies.add(result.getString(1));
				}
			}
		}
		return bodies;
	}

	private static String where(AuditQuery query, List<Object> parameters) {
		List<String> conditions = new ArrayList<>();
		if (query.from() != null) {
			conditions.add("e.RECORDED >= ?");
			parameters.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		}
		if (query.to() != null) {
			conditions.add("e.RECORDED < ?");
			parameters.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
		}
		for (List<String> anyOf : query.references()) {
			conditions.add("EXISTS (SELECT 1 FROM " + AuditRecord.ENTITY_TABLE + " r WHERE r.EVENT_ID = e.ID AND r.REF"
					+ in(anyOf, parameters) + ")");
		}
		addIn(conditions, "e.ACTION", query.actions(), parameters);
		addIn(conditions, "e.SUBTYPE", query.subtypes(), parameters);
		addIn(conditions, "e.OUTCOME", query.outcomes(), parameters);
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private static void addIn(List<String> conditions, String column, List<String> values, List<Object> parameters) {
		if (!values.isEmpty()) {
			conditions.add(column + in(values, parameters));
		}
	}

	private static String in(List<String> values, List<Object> parameters) {
		parameters.addAll(values);
		return " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")";
	}

	private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
		for (int i = 0; i < parameters.size(); i++) {
			statement.setObject(i + 1, parameters.get(i));
		}
	}
}
