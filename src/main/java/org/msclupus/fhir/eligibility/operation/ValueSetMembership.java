package org.msclupus.fhir.eligibility.operation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ValueSet;
import org.msclupus.fhir.eligibility.CodeMembership;

/**
 * Value-set membership from the server's terminology support: each value set is expanded once by HAPI's validation
 * support chain (the trial's own value sets are enumerated, so this works offline) and kept for a few minutes, so a
 * value set updated through the API takes effect without a restart.
 */
public class ValueSetMembership implements CodeMembership {

	private static final Duration KEEP = Duration.ofMinutes(5);

	private final IValidationSupport support;
	private final Clock clock;
	private final Map<String, Expansion> expansions = new ConcurrentHashMap<>();

	private record Expansion(Set<String> codes, Instant expires) {
	}

	public ValueSetMembership(IValidationSupport support, Clock clock) {
		this.support = support;
		this.clock = clock;
	}

	@Override
	public boolean contains(String valueSetUrl, String system, String code) {
		Expansion expansion = expansions.get(valueSetUrl);
		if (expansion == null || clock.instant().isAfter(expansion.expires())) {
			expansion = new Expansion(expand(valueSetUrl), clock.instant().plus(KEEP));
			expansions.put(valueSetUrl, expansion);
		}
		return expansion.codes().contains(system + "|" + code);
	}

	private Set<String> expand(String valueSetUrl) {
		IValidationSupport.ValueSetExpansionOutcome outcome = support.expandValueSet(
				new ValidationSupportContext(support), new ValueSetExpansionOptions().setCount(10_000), valueSetUrl);
		if (outcome == null || outcome.getValueSet() == null) {
			throw new UnprocessableEntityException("The eligibility criteria use value set " + valueSetUrl
					+ ", which the server cannot expand" + (outcome == null || outcome.getError() == null ? ""
							: ": " + outcome.getError()));
		}
		return ((ValueSet) outcome.getValueSet()).getExpansion().getContains().stream()
				.map(c -> c.getSystem() + "|" + c.getCode()).collect(Collectors.toUnmodifiableSet());
	}
}
