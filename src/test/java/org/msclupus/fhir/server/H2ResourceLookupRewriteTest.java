package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HAPI's reference lookup rewritten for H2's planner: same rows, same parameters, the index used. */
class H2ResourceLookupRewriteTest {

	private static final String SELECT = "select rt1_0.RES_ID,rt1_0.RES_TYPE,rt1_0.FHIR_ID,rt1_0.RES_DELETED_AT,"
			+ "rt1_0.PARTITION_ID from HFJ_RESOURCE rt1_0 where ";
	private final H2ResourceLookupRewrite rewrite = new H2ResourceLookupRewrite();

	/** The statement as Hibernate writes it for HAPI's IdHelperService, for this many references. */
	static String lookup(int references) {
		StringBuilder sql = new StringBuilder(SELECT).append('(');
		for (int i = 0; i < references; i++) {
			sql.append(i == 0 ? "" : " or ").append("rt1_0.RES_TYPE=? and rt1_0.FHIR_ID=?");
		}
		return sql.append(')').toString();
	}

	@Test
	void anOrOfTypeAndIdPairsBecomesARowValueList() {
		assertThat(rewrite.inspect(lookup(2)))
				.isEqualTo(SELECT + "(rt1_0.RES_TYPE,rt1_0.FHIR_ID) in ((?,?),(?,?))");
		assertThat(rewrite.inspect(lookup(20))).startsWith(SELECT).endsWith(",(?,?))")
				.satisfies(sql -> assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(40));
		assertThat(rewrite.inspect(lookup(2).replace("rt1_0", "r2_1")))
				.isEqualTo(SELECT.replace("rt1_0", "r2_1") + "(r2_1.RES_TYPE,r2_1.FHIR_ID) in ((?,?),(?,?))");
	}

	@Test
	void everythingElseIsLeftAsItIs() {
		List<String> others = List.of(
				lookup(1), // one pair: H2 uses the index already
				lookup(3).replace(" where (", " where rt1_0.PARTITION_ID is null and ("), // another condition
				lookup(2).replace("rt1_0.FHIR_ID=? or", "rt1_0.FHIR_ID=? and"),
				lookup(2).replace("RES_TYPE=? and rt1_0.FHIR_ID=? or rt1_0", "RES_TYPE=? and r9.FHIR_ID=? or rt1_0"),
				lookup(2) + " order by rt1_0.RES_ID",
				lookup(2).replace("from HFJ_RESOURCE", "from HFJ_RES_VER"),
				SELECT + "(rt1_0.FHIR_ID=? or rt1_0.FHIR_ID=?)",
				"insert into HFJ_RESOURCE (RES_ID) values (?)",
				"select 1");
		for (String sql : others) {
			assertThat(rewrite.inspect(sql)).isSameAs(sql);
		}
	}

	/** On a real H2 table shaped like HAPI's: the same rows for random lookups, and the index in the plan. */
	@Test
	void bothFormsFindTheSameRowsAndTheRewrittenOneUsesTheIndex() throws Exception {
		try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:lookup;DB_CLOSE_DELAY=-1");
				Statement ddl = h2.createStatement()) {
			ddl.execute("create table HFJ_RESOURCE (RES_ID bigint primary key, RES_TYPE varchar(100) not null,"
					+ " FHIR_ID varchar(64), RES_DELETED_AT timestamp, PARTITION_ID integer)");
			ddl.execute("create unique index IDX_RES_TYPE_FHIR_ID on HFJ_RESOURCE (RES_TYPE, FHIR_ID)");
			ddl.execute("create index IDX_RES_FHIR_ID on HFJ_RESOURCE (FHIR_ID)");
			String[] types = {"Patient", "Observation", "Encounter"};
			try (PreparedStatement insert = h2.prepareStatement("insert into HFJ_RESOURCE values (?, ?, ?, null, null)")) {
				for (int i = 0; i < 3_000; i++) {
					insert.setLong(1, i);
					insert.setString(2, types[i % 3]);
					insert.setString(3, i % 50 == 0 ? null : String.valueOf(i / 3)); // ids shared across types, some null
					insert.addBatch();
				}
				insert.executeBatch();
			}
			Random random = new Random(7);
			for (int round = 0; round < 50; round++) {
				int references = 2 + random.nextInt(30);
				List<String> values = new ArrayList<>();
				for (int i = 0; i < references; i++) {
					values.add(types[random.nextInt(3)]);
					values.add(random.nextInt(20) == 0 ? "no-such-id" : String.valueOf(random.nextInt(1_100)));
				}
				String original = lookup(references);
				String rewritten = rewrite.inspect(original);
				assertThat(rewritten).isNotEqualTo(original);
				assertThat(rows(h2, rewritten, values)).isEqualTo(rows(h2, original, values));
			}
			// Planned as a prepared statement is, before the values are known.
			assertThat(plan(h2, lookup(3))).contains("tableScan");
			assertThat(plan(h2, rewrite.inspect(lookup(3)))).contains("IDX_RES_").doesNotContain("tableScan");
		}
	}

	private static String plan(Connection h2, String sql) throws Exception {
		try (PreparedStatement explain = h2.prepareStatement("explain " + sql)) {
			for (int i = 1; i <= 6; i++) {
				explain.setString(i, String.valueOf(i));
			}
			try (ResultSet plan = explain.executeQuery()) {
				plan.next();
				return plan.getString(1);
			}
		}
	}

	private static List<Long> rows(Connection h2, String sql, List<String> values) throws Exception {
		try (PreparedStatement select = h2.prepareStatement(sql + " order by 1")) {
			for (int i = 0; i < values.size(); i++) {
				select.setString(i + 1, values.get(i));
			}
			List<Long> ids = new ArrayList<>();
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					ids.add(result.getLong(1));
				}
			}
			return ids;
		}
	}
}
