package org.msclupus.fhir.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * On H2 only: HAPI resolves the references of a write (a transaction's {@code Patient/123}s) with one query of the form
 * {@code where (t.RES_TYPE=? and t.FHIR_ID=? or t.RES_TYPE=? and t.FHIR_ID=? ...)}. H2 plans a prepared statement
 * before it knows the values and cannot use an index for an OR of pairs: it reads the whole resource table, so every
 * transaction referring to two or more resources cost time in proportion to everything stored (2.4 ms at 40,000
 * resources, growing without bound). The same lookup written as a row-value list,
 * {@code where (t.RES_TYPE,t.FHIR_ID) in ((?,?),(?,?) ...)}, is planned on the {@code FHIR_ID} index (0.14 ms, and
 * flat as the table grows). The parameters stay in the same order, and the two forms match the same rows. Any other
 * statement, or this one in any other form, is left exactly as Hibernate wrote it.
 */
public final class H2ResourceLookupRewrite implements StatementInspector {

	private static final Pattern LOOKUP = Pattern.compile(
			"(select \\w+\\.RES_ID,\\w+\\.RES_TYPE,\\w+\\.FHIR_ID,\\w+\\.RES_DELETED_AT,\\w+\\.PARTITION_ID"
					+ " from HFJ_RESOURCE (\\w+) where )"
					+ "\\(\\2\\.RES_TYPE=\\? and \\2\\.FHIR_ID=\\?(?: or \\2\\.RES_TYPE=\\? and \\2\\.FHIR_ID=\\?)+\\)");

	@Override
	public String inspect(String sql) {
		if (!sql.startsWith("select ") || !sql.contains("HFJ_RESOURCE")) {
			return sql;
		}
		Matcher lookup = LOOKUP.matcher(sql);
		if (!lookup.matches()) {
			return sql;
		}
		String alias = lookup.group(2);
		long pairs = sql.chars().filter(c -> c == '?').count() / 2; // the select list has no parameter
		StringBuilder rewritten = new StringBuilder(lookup.group(1)).append('(').append(alias).append(".RES_TYPE,")
				.append(alias).append(".FHIR_ID) in (");
		for (int i = 0; i < pairs; i++) {
			rewritten.append(i == 0 ? "(?,?)" : ",(?,?)");
		}
		return rewritten.append(')').toString();
	}
}
