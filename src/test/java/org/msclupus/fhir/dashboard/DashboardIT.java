package org.msclupus.fhir.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.msclupus.fhir.support.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium (both installed by .ci/run) opens
 * each view of a hand-built two-arm study, and every number it shows must be the number the FHIR operation returns.
 * Screenshots of each view go to target/dashboard-screenshots (docs/screenshots holds a set taken this way).
 */
@H2ServerTest
class DashboardIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate ENROLLED = LocalDate.of(2025, 1, 6);
	static final String AS_OF = "2025-12-31";
	static final Path SCREENSHOTS = Path.of(System.getProperty("dashboard.screenshots",
			"target/dashboard-screenshots"));
	static WebDriver browser;
	static boolean loaded;

	@LocalServerPort
	int port;
	IGenericClient client;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void load() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// a slow shared machine may take more than the client's default 10 s for the loading transaction
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		if (loaded) {
			return;
		}
		TrialRecords records = new TrialRecords();
		String study = records.study("dash-trial", "NCT06666666", "weeks-24", List.of("ln-renal-response", "sri-4",
				"change-from-baseline"));
		String siteA = records.site("dash-site-a", "Site A");
		String siteB = records.site("dash-site-b", "Site B");
		for (int i = 0; i < 6; i++) {
			boolean msc = i % 2 == 0;
			TrialRecords.Subject s = records.subject("dash-" + i, study, msc ? "uc-msc" : "control", ENROLLED,
					i < 3 ? siteA : siteB);
			LocalDate day0 = msc ? ENROLLED.plusDays(2) : ENROLLED;
			String infusion = msc ? s.infusion(day0, 1) : null;
			if (msc) {
				s.infusion(day0.plusDays(7), 2);
				s.adverseEvent(study, "Fever", day0.atTime(14, 0), false, 1, infusion, "Probably-Likely");
			}
			s.upcr(day0.minusDays(2), "3.0", "g/g");
			s.creatinine(day0.minusDays(2), "1.0", "mg/dL");
			s.sledai(day0.minusDays(2), 12);
			s.complementC3(day0.minusDays(2), "0.6", "g/L");
			for (int week : new int[] {4, 8, 16, 20, 24}) {
				if (i == 4 && week == 20) {
					continue; // a missed visit
				}
				boolean responds = msc && i != 4 ? week >= 8 + 4 * i : i == 5 && week >= 16;
				s.upcr(day0.plusDays(7L * week), responds ? "0.3" : "2.8", "g/g");
				s.creatinine(day0.plusDays(7L * week), "1.0", "mg/dL");
				s.sledai(day0.plusDays(7L * week), responds ? 4 : 10 + i % 3);
				s.complementC3(day0.plusDays(7L * week), responds ? "0.9" : "0.62", "g/L");
			}
		}
		client.transaction().withBundle(records.bundle()).execute();
		loaded = true;
	}

	private void open(String fragment, String view) throws Exception {
		browser.get("http://localhost:" + port + "/" + fragment);
		new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
			String state = d.findElement(By.id("main")).getAttribute("data-loaded");
			return "true".equals(state) || "error".equals(state);
		});
		assertThat(browser.findElement(By.id("main")).getAttribute("data-loaded"))
				.as(browser.findElement(By.id("main")).getText()).isEqualTo("true");
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(view + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private Parameters study(String... criteria) {
		var operation = client.operation().onInstance("ResearchStudy/dash-trial").named("$evaluate-response")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF));
		for (String c : criteria) {
			operation = operation.andParameter("criteria", new CodeType(c));
		}
		return operation.useHttpGet().execute();
	}

	static List<Map<String, String>> named(Parameters parameters, String name) {
		List<Map<String, String>> out = new ArrayList<>();
		for (ParametersParameterComponent p : parameters.getParameter()) {
			if (p.getName().equals(name)) {
				out.add(p.getPart().stream().filter(x -> x.getValue() != null).collect(Collectors.toMap(
						ParametersParameterComponent::getName, x -> text(x.getValue()), (a, b) -> a)));
			}
		}
		return out;
	}

	static String text(Type value) {
		if (value instanceof org.hl7.fhir.r4.model.CodeableConcept c) {
			return c.getCodingFirstRep().getCode();
		}
		if (value instanceof org.hl7.fhir.r4.model.Reference r) {
			return r.getReference();
		}
		if (value instanceof org.hl7.fhir.r4.model.Coding c) {
			return c.getCode();
		}
		return value.primitiveValue();
	}

	/** The cells of each body row of a table, as the page shows them (read even when the table is folded). */
	static List<List<String>> cells(WebElement table) {
		List<List<String>> rows = new ArrayList<>();
		for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
			rows.add(tr.findElements(By.cssSelector("td, th")).stream().map(c -> c.getAttribute("textContent").trim())
					.toList());
		}
		return rows;
	}

	static double number(String shown) {
		return Double.parseDouble(shown.replace("%", "").replace("\u2013", "-").trim());
	}

	@Test
	void theStudiesViewListsTheStudyWithItsArmsAndSites() throws Exception {
		open("#/", "studies");
		List<List<String>> rows = cells(browser.findElement(By.id("studies")));
		List<String> row = rows.stream().filter(r -> r.get(0).equals("dash-trial") || r.get(1).contains("NCT06666666"))
				.findFirst().orElseThrow();
		assertThat(row.get(3)).contains("uc-msc: 3").contains("control: 3");
		assertThat(row.get(4)).contains("dash-site-a: 3").contains("dash-site-b: 3");
	}

	@Test
	void responseRatesAndTheArmComparisonAreTheOperationsNumbers() throws Exception {
		open("#/study/dash-trial?asOf=" + AS_OF, "study-response");
		Parameters answer = study("ln-renal-response", "sri-4");
		WebElement rates = browser.findElement(By.cssSelector("table.rates[data-criteria='ln-renal-response']"));
		List<List<String>> shown = cells(rates);
		List<Map<String, String>> expected = named(answer, "summary").stream()
				.filter(s -> s.get("criteria").equals("ln-renal-response") && !s.containsKey("visit")
						&& !s.get("arm").equals("all")).toList();
		assertThat(shown).hasSize(expected.size()).isNotEmpty();
		for (int i = 0; i < shown.size(); i++) {
			Map<String, String> e = expected.get(i);
			assertThat(shown.get(i).subList(0, 4)).containsExactly(e.get("category"), e.get("arm"), e.get("count"),
					e.get("denominator"));
			assertThat(number(shown.get(i).get(4))).isCloseTo(100 * Double.parseDouble(e.get("rate")), within(0.051));
		}
		List<List<String>> comparisons = cells(browser.findElement(By.cssSelector(
				"table.comparisons[data-criteria='ln-renal-response']")));
		List<Map<String, String>> compared = named(answer, "comparison").stream()
				.filter(c -> c.get("criteria").equals("ln-renal-response")).toList();
		assertThat(comparisons).hasSize(compared.size()).isNotEmpty();
		for (int i = 0; i < compared.size(); i++) {
			assertThat(comparisons.get(i).get(3)).isEqualTo(compared.get(i).get("count") + "/"
					+ compared.get(i).get("denominator"));
			assertThat(number(comparisons.get(i).get(5).split(" ")[0]))
					.isCloseTo(Double.parseDouble(compared.get(i).get("riskDifference")), within(0.0006));
			assertThat(number(comparisons.get(i).get(7))).isCloseTo(Double.parseDouble(compared.get(i).get("pValue")),
					within(0.00006));
		}
		assertThat(browser.findElements(By.cssSelector("figure svg circle"))).isNotEmpty();
	}

	@Test
	void kaplanMeierCountsMediansAndLogRankAreTheOperationsNumbers() throws Exception {
		open("#/study/dash-trial?asOf=" + AS_OF + "&tab=time", "study-time-to-response");
		Parameters answer = study("ln-renal-response", "sri-4");
		List<List<String>> medians = cells(browser.findElement(By.cssSelector(
				"table.km-medians[data-criteria='ln-renal-response'][data-event='response']")));
		List<Map<String, String>> curves = named(answer, "timeToEvent").stream()
				.filter(t -> t.get("criteria").equals("ln-renal-response") && t.get("event").equals("response")
						&& !t.get("arm").equals("all")).toList();
		assertThat(medians).hasSize(curves.size()).hasSize(2);
		for (int i = 0; i < curves.size(); i++) {
			assertThat(medians.get(i).subList(0, 5)).containsExactly(curves.get(i).get("arm"), curves.get(i).get("n"),
					curves.get(i).get("events"), curves.get(i).get("censored"), curves.get(i).get("notEvaluable"));
			if (curves.get(i).containsKey("median")) {
				assertThat(medians.get(i).get(5)).startsWith(curves.get(i).get("median"));
			}
		}
		Map<String, String> test = named(answer, "logRank").stream().filter(t -> t.get("criteria")
				.equals("ln-renal-response") && t.get("event").equals("response")).findFirst().orElseThrow();
		String shown = browser.findElement(By.cssSelector("p.logrank[data-criteria='ln-renal-response']"
				+ "[data-event='response']")).getText();
		assertThat(number(shown.substring(shown.indexOf("p = ") + 4)))
				.isCloseTo(Double.parseDouble(test.get("pValue")), within(0.00006));
		assertThat(browser.findElements(By.cssSelector("#km-ln-renal-response-response svg path"))).hasSize(2);
	}

	@Test
	void trajectoriesShowTheMeansAndIntervalsOfChangeFromBaseline() throws Exception {
		open("#/study/dash-trial?asOf=" + AS_OF + "&tab=trajectories", "study-trajectories");
		List<Map<String, String>> statistics = named(study("change-from-baseline"), "statistic").stream()
				.filter(s -> s.get("measure").equals("sledai-2k") && !s.get("arm").equals("all")).toList();
		List<List<String>> shown = cells(browser.findElement(By.cssSelector("table.trajectory[data-measure='sledai-2k']")));
		assertThat(shown).hasSize(statistics.size()).isNotEmpty();
		for (int i = 0; i < shown.size(); i++) {
			Map<String, String> s = statistics.get(i);
			assertThat(shown.get(i).subList(0, 3)).containsExactly(s.get("arm"), s.get("visit"), s.get("n"));
			assertThat(number(shown.get(i).get(3))).isCloseTo(Double.parseDouble(s.get("mean")), within(0.0006));
			if (s.containsKey("meanLower")) {
				assertThat(number(shown.get(i).get(4).split(" \u2013 ")[0]))
						.isCloseTo(Double.parseDouble(s.get("meanLower")), within(0.0006));
			}
		}
		browser.findElement(By.id("show-subjects")).click();
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(
				"#trajectory-sledai-2k svg polyline[opacity]")).isEmpty());
		Files.write(SCREENSHOTS.resolve("study-trajectories-subjects.png"),
				((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	@Test
	void safetyAndVisitsAreTheOperationsNumbers() throws Exception {
		open("#/study/dash-trial?asOf=" + AS_OF + "&tab=safety", "study-safety");
		Parameters safety = client.operation().onInstance("ResearchStudy/dash-trial").named("$safety-summary")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
		List<Map<String, String>> bySeriousness = named(safety, "adverseEvents").stream()
				.filter(e -> e.get("dimension").equals("seriousness") && !e.get("arm").equals("all")).toList();
		List<List<String>> shown = cells(browser.findElement(By.cssSelector("table.ae[data-dimension='seriousness']")));
		assertThat(shown).hasSize(bySeriousness.size()).isNotEmpty();
		for (int i = 0; i < shown.size(); i++) {
			assertThat(shown.get(i)).containsExactly(bySeriousness.get(i).get("arm"),
					bySeriousness.get(i).get("category"), bySeriousness.get(i).get("events"),
					bySeriousness.get(i).get("subjects"));
		}

		open("#/study/dash-trial?asOf=" + AS_OF + "&tab=visits", "study-visits");
		Parameters compliance = client.operation().onInstance("ResearchStudy/dash-trial").named("$visit-compliance")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
		List<Map<String, String>> visits = named(compliance, "subjectVisit");
		for (Map<String, String> v : visits) {
			String subject = v.get("subject").substring(v.get("subject").indexOf('/') + 1);
			WebElement row = browser.findElement(By.xpath("//table[@id='visit-grid']/tbody/tr[th/a[text()='"
					+ subject + "']]"));
			List<String> headers = browser.findElements(By.cssSelector("#visit-grid thead th")).stream()
					.map(WebElement::getText).toList();
			WebElement cell = row.findElements(By.cssSelector("th, td")).get(headers.indexOf(v.get("visit")));
			assertThat(cell.getAttribute("data-status")).as(subject + " " + v.get("visit")).isEqualTo(v.get("status"));
		}
		assertThat(browser.findElements(By.cssSelector("#visit-grid td[data-status='missed']"))).isNotEmpty();
	}

	/** The worst CTCAE grades per arm on the Safety tab are the operation's labToxicity counts (issue 28). */
	@Test
	void theSafetyTabShowsTheWorstLaboratoryGradesPerArm() throws Exception {
		open("#/study/dash-trial?asOf=" + AS_OF + "&tab=safety", "study-safety-toxicity");
		Parameters safety = client.operation().onInstance("ResearchStudy/dash-trial").named("$safety-summary")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
		List<Map<String, String>> creatinine = named(safety, "labToxicity").stream()
				.filter(t -> t.get("term").equals("Creatinine increased") && !t.get("arm").equals("all")).toList();
		assertThat(creatinine).isNotEmpty();
		List<List<String>> shown = cells(browser.findElement(
				By.cssSelector("table.toxicity[data-term='Creatinine increased']")));
		for (List<String> row : shown) {
			for (int grade = 0; grade <= 4; grade++) {
				int g = grade;
				String expected = creatinine.stream().filter(t -> t.get("arm").equals(row.get(0))
						&& t.get("grade").equals(String.valueOf(g))).map(t -> t.get("subjects")).findFirst().orElse("0");
				assertThat(row.get(1 + grade)).as(row.get(0) + " grade " + grade).isEqualTo(expected);
			}
		}
		assertThat(shown).extracting(r -> r.get(0)).containsAll(creatinine.stream().map(t -> t.get("arm"))
				.distinct().toList());
	}

	/**
	 * The Review tab of a study that needs verification: the queue in the operation's order, the result-changing value
	 * first with its impact in words, and a click on Verify takes it out of the queue.
	 */
	@Test
	void theReviewTabShowsTheQueueWithItsImpactAndVerifies() throws Exception {
		String run = Long.toString(System.nanoTime() % 1_000_000);
		TrialRecords records = new TrialRecords();
		String study = records.study("dash-sdv-" + run, "NCT0" + run, "weeks-24", List.of("ln-renal-response"));
		((org.hl7.fhir.r4.model.ResearchStudy) records.bundle().getEntryFirstRep().getResource()).addExtension(
				org.msclupus.fhir.design.TrialCodes.SOURCE_VERIFICATION_EXTENSION,
				new org.hl7.fhir.r4.model.CodeType("endpoint-values"));
		TrialRecords.Subject s = records.subject("dash-sdv-1-" + run, study, "uc-msc", ENROLLED,
				records.site("dash-site-a", "Site A"));
		LocalDate day0 = ENROLLED.plusDays(2);
		s.infusion(day0, 1);
		s.upcr(day0.minusDays(2), "2.0", "g/g");
		s.creatinine(day0.minusDays(2), "1.5", "mg/dL");
		s.upcr(day0.plusDays(168), "0.9", "g/g");
		s.creatinine(day0.plusDays(168), "1.0", "mg/dL");
		client.transaction().withBundle(records.bundle()).execute();
		Parameters queue = client.operation().onInstance(study).named("$verification-queue")
				.withNoParameters(Parameters.class).useHttpGet().execute();
		List<Map<String, String>> items = named(queue, "item");

		open("#/study/dash-sdv-" + run + "?tab=review", "study-review");
		List<WebElement> rows = browser.findElements(By.cssSelector("#review-queue tbody tr"));
		assertThat(rows).extracting(r -> r.getAttribute("data-resource"))
				.containsExactlyElementsOf(items.stream().map(i -> i.get("resource")).toList());
		assertThat(rows.get(0).findElement(By.cssSelector("td.impact")).getText())
				.startsWith("verifying this changes subject dash-sdv-1-" + run + "-enrolment's renal response from");
		assertThat(cells(browser.findElement(By.id("state-counts"))).get(0))
				.containsExactly("Organization/dash-site-a", String.valueOf(items.size()), "0", "0", "0", "0");

		String first = rows.get(0).getAttribute("data-resource");
		rows.get(0).findElement(By.cssSelector("button.verify")).click();
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(
				By.cssSelector("#review-queue tbody tr")).size() == items.size() - 1);
		assertThat(browser.findElements(By.cssSelector("#review-queue tbody tr")))
				.extracting(r -> r.getAttribute("data-resource")).doesNotContain(first);
		assertThat(cells(browser.findElement(By.id("state-counts"))).get(0)).endsWith("1");
	}

	/**
	 * The Notifications tab (issue 29): the study's serious adverse event as $notifications gives it, with its
	 * delivery to the subscription, and the subscription's status.
	 */
	@Test
	void theNotificationsTabShowsRecentEventsAndTheSubscriptionsStatus() throws Exception {
		String run = Long.toString(System.nanoTime() % 1_000_000);
		TrialRecords records = new TrialRecords();
		String study = records.study("dash-ntf-" + run, "NCT1" + run, "weeks-24", List.of("ln-renal-response"));
		TrialRecords.Subject s = records.subject("dash-ntf-1-" + run, study, "uc-msc", ENROLLED);
		client.transaction().withBundle(records.bundle()).execute();
		try (org.msclupus.fhir.support.NotificationReceiver receiver =
				org.msclupus.fhir.support.NotificationReceiver.start()) {
			org.hl7.fhir.r4.model.Subscription subscription = new org.hl7.fhir.r4.model.Subscription();
			subscription.setStatus(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.REQUESTED).setReason("safety desk")
					.setCriteria(org.msclupus.fhir.notification.Topic.SERIOUS_ADVERSE_EVENT.canonical());
			subscription.getCriteriaElement().addExtension(org.msclupus.fhir.notification.BackportIg.FILTER_CRITERIA,
					new org.hl7.fhir.r4.model.StringType("study=" + study));
			subscription.getChannel().setType(org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType.RESTHOOK)
					.setEndpoint(receiver.endpoint()).setPayload("application/fhir+json");
			client.create().resource(subscription).execute();
			Thread.sleep(2500);
			TrialRecords later = new TrialRecords();
			later.subject("dash-ntf-1-" + run, study, "uc-msc", ENROLLED)
					.adverseEvent(study, "Pneumonia", ENROLLED.plusDays(30).atTime(9, 0), true, 3, null, null);
			client.transaction().withBundle(later.bundle()).execute();
			receiver.await(Duration.ofSeconds(20), r -> !r.isEmpty());
			assertThat(s.reference()).isNotBlank();

			Parameters answer = client.operation().onInstance(study).named("$notifications")
					.withNoParameters(Parameters.class).useHttpGet().execute();
			open("#/study/dash-ntf-" + run + "?tab=notifications", "study-notifications");
			List<List<String>> events = cells(browser.findElement(By.id("notifications")));
			assertThat(events).hasSize(named(answer, "notification").size()).hasSize(1);
			assertThat(events.get(0).get(1)).isEqualTo("Serious adverse event");
			assertThat(events.get(0).get(4)).matches("Subscription/\\S+ #1 delivered");
			List<List<String>> subscriptions = cells(browser.findElement(By.id("subscriptions")));
			assertThat(subscriptions).hasSize(1);
			assertThat(subscriptions.get(0)).contains(receiver.endpoint(), "active", "1", "0");
		}
	}

	@Test
	void theSubjectViewShowsEachResponseWithItsVisitsAndEvidence() throws Exception {
		open("#/subject/dash-0-enrolment", "subject");
		Parameters answer = client.operation().onInstance("ResearchSubject/dash-0-enrolment")
				.named("$evaluate-response").withNoParameters(Parameters.class).useHttpGet().execute();
		List<String> headings = browser.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList();
		for (ParametersParameterComponent result : answer.getParameter()) {
			if (!result.getName().equals("result")) {
				continue;
			}
			String criteria = result.getPart().stream().filter(p -> p.getName().equals("criteria")).findFirst()
					.map(p -> p.getValue().primitiveValue()).orElseThrow();
			String response = result.getPart().stream().filter(p -> p.getName().equals("response")).findFirst()
					.map(p -> text(p.getValue())).orElse("\u2013");
			assertThat(headings).contains(criteria + ": " + response);
		}
		assertThat(browser.findElements(By.cssSelector("details a[href*='/fhir/Observation/']"))).isNotEmpty();
	}

	@Test
	void theDownloadsLinkTheCsvAndTheCdiscExport() throws Exception {
		open("#/study/dash-trial?asOf=" + AS_OF + "&tab=downloads", "study-downloads");
		List<String> links = browser.findElements(By.cssSelector("#downloads a")).stream()
				.map(a -> a.getAttribute("href")).toList();
		assertThat(links).anySatisfy(l -> assertThat(l).contains("$cdisc-export").contains("format=xpt"))
				.anySatisfy(l -> assertThat(l).contains("$evaluate-response").contains("_format=csv"));
		browser.manage().window().setSize(new Dimension(768, 1024)); // a tablet
		open("#/study/dash-trial?asOf=" + AS_OF, "study-response-tablet");
		assertThat(browser.findElement(By.cssSelector("nav.tabs")).isDisplayed()).isTrue();
		browser.manage().window().setSize(new Dimension(1280, 800));
	}
}
