package org.msclupus.fhir.cdisc;

import java.util.Objects;

/**
 * A variable of a CDISC dataset, defined once for Dataset-JSON, SAS XPORT and Define-XML: its SDTMIG or ADaMIG name
 * and label, its type, and where its values come from ({@code method} says how a derived one is computed).
 */
public record Variable(String name, String label, Type type, Origin origin, String method) {

	/** How values are held: TEXT as String, INTEGER as Integer or Long, FLOAT as BigDecimal, DATE as LocalDate. */
	public enum Type {
		TEXT, INTEGER, FLOAT,
		/** A numeric date (ADaM's *DT): days since 1960-01-01 in SAS, an ISO date in Dataset-JSON. */
		DATE
	}

	/** Define-XML's origin types. */
	public enum Origin {
		COLLECTED("Collected"), DERIVED("Derived"), ASSIGNED("Assigned"), PROTOCOL("Protocol"),
		PREDECESSOR("Predecessor");

		private final String defineName;

		Origin(String defineName) {
			this.defineName = defineName;
		}

		public String defineName() {
			return defineName;
		}
	}

	public Variable {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(origin, "origin");
		if (name.length() > 8 || label.length() > 40) {
			throw new IllegalArgumentException("CDISC names have at most 8 characters and labels 40: " + name);
		}
	}

	public static Variable text(String name, String label, Origin origin) {
		return new Variable(name, label, Type.TEXT, origin, null);
	}

	public static Variable integer(String name, String label, Origin origin) {
		return new Variable(name, label, Type.INTEGER, origin, null);
	}

	public static Variable decimal(String name, String label, Origin origin) {
		return new Variable(name, label, Type.FLOAT, origin, null);
	}

	public static Variable date(String name, String label, Origin origin) {
		return new Variable(name, label, Type.DATE, origin, null);
	}

	/** This variable, derived by {@code method} (a sentence Define-XML shows as the method's description). */
	public Variable derived(String how) {
		return new Variable(name, label, type, Origin.DERIVED, how);
	}

	public boolean numeric() {
		return type != Type.TEXT;
	}
}
