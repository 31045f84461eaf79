package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestInputGuardTest {

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void strictJsonPasses() {
		assertThatCode(() -> RequestInputGuard.checkJson(utf8("{\"resourceType\": \"Patient\", \"active\": true}")))
				.doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = {"{'resourceType': 'Patient'}", "{\"a\": 1,}", "{\"a\": NaN}", "{/* c */ \"a\": 1}",
			"{\"a\": 1, \"a\": 2}", "{\"a\": tru}", "{"})
	void laxJsonIsRefused(String json) {
		assertThatThrownBy(() -> RequestInputGuard.checkJson(utf8(json))).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("not valid JSON");
	}

	@Test
	void invalidUtf8AndDeepNestingAreRefused() {
		byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
		assertThatThrownBy(() -> RequestInputGuard.checkJson(invalid)).isInstanceOf(InvalidRequestException.class);
		String deep = "[".repeat(1001) + "]".repeat(1001);
		assertThatThrownBy(() -> RequestInputGuard.checkJson(utf8(deep))).hasMessageContaining("nested too deeply");
		String allowed = "[".repeat(1000) + "]".repeat(1000);
		assertThatCode(() -> RequestInputGuard.checkJson(utf8(allowed))).doesNotThrowAnyException();
	}

	@Test
	void xmlNeedsTheFhirNamespaceAndNoDtd() {
		assertThatCode(() -> RequestInputGuard.checkXml(utf8("<?xml version=\"1.0\"?><Patient xmlns=\"http://hl7.org/fhir\"/>")))
				.doesNotThrowAnyException();
		assertThatThrownBy(() -> RequestInputGuard.checkXml(utf8("<Patient/>"))).hasMessageContaining("FHIR namespace");
		assertThatThrownBy(() -> RequestInputGuard.checkXml(utf8("<!DOCTYPE p [<!ENTITY x \"y\">]>"
				+ "<Patient xmlns=\"http://hl7.org/fhir\"/>"))).hasMessageContaining("DTD");
		assertThatThrownBy(() -> RequestInputGuard.checkXml(utf8("just text"))).hasMessageContaining("not well-formed");
	}

	@ParameterizedTest
	@ValueSource(strings = {"_count=abc", "_count=-1", "_count=", "_summary=bogus", "_total=bogus",
			"_format=bogus/type", "name:fuzzy=x", "_id:nonsense=1"})
	void invalidSearchControlsAndModifiersAreRefused(String parameter) {
		String[] pair = parameter.split("=", -1);
		assertThatThrownBy(() -> RequestInputGuard.checkSearchParameters(Map.of(pair[0], new String[] {pair[1]})))
				.isInstanceOf(InvalidRequestException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = {"_count=0", "_count=500", "_summary=count", "_total=accurate", "_format=json",
			"_format=application/fhir+xml", "name:exact=x", "subject:Patient=1", "code:not=x", "_has:Observation:subject:code=1",
			"_include:iterate=Observation:subject"})
	void validSearchControlsAndModifiersPass(String parameter) {
		String[] pair = parameter.split("=", 2);
		assertThatCode(() -> RequestInputGuard.checkSearchParameters(Map.of(pair[0], new String[] {pair[1]})))
				.doesNotThrowAnyException();
	}

	@Test
	void aTransactionTouchingOneResourceTwiceIsRefused() {
		Bundle twice = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		twice.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/a");
		twice.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/a");
		assertThatThrownBy(() -> new RequestInputGuard().checkTransaction(twice))
				.hasMessageContaining("Patient/a in more than one entry");
		Bundle distinct = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		distinct.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/a");
		distinct.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/b");
		distinct.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		distinct.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		assertThatCode(() -> new RequestInputGuard().checkTransaction(distinct)).doesNotThrowAnyException();
	}
}
