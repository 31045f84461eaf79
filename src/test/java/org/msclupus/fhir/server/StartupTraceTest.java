package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.core.metrics.StartupStep;

class StartupTraceTest {

	@Test
	void aStepsOwnTimeLeavesOutItsInnerSteps() throws InterruptedException {
		BufferingApplicationStartup startup = new BufferingApplicationStartup(10);
		StartupStep outer = startup.start("spring.beans.instantiate").tag("beanName", "outer");
		Thread.sleep(10);
		StartupStep inner = startup.start("spring.beans.instantiate").tag("beanName", "inner");
		Thread.sleep(100);
		inner.end();
		outer.end();

		List<StartupTrace.Step> steps = StartupTrace.stepsOf(startup.getBufferedTimeline());

		assertThat(steps).extracting(StartupTrace.Step::tags).containsExactly("beanName=inner", "beanName=outer");
		StartupTrace.Step innerStep = steps.get(0);
		StartupTrace.Step outerStep = steps.get(1);
		assertThat(innerStep.selfMillis()).isEqualTo(innerStep.totalMillis()).isGreaterThanOrEqualTo(100);
		assertThat(outerStep.totalMillis()).isGreaterThanOrEqualTo(110);
		assertThat(outerStep.selfMillis()).isEqualTo(outerStep.totalMillis() - innerStep.totalMillis());
		assertThat(outerStep.toString()).endsWith("spring.beans.instantiate beanName=outer");
	}
}
