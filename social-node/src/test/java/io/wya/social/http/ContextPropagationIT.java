package io.wya.social.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

/// Quarkus wraps every Mutiny operator so that it captures the default thread contexts when it is
/// built and restores them around each callback (SmallRye Context Propagation). With CDI's and
/// JTA's providers that took SmallRye's slow path on every operator of every request. The node has
/// no request-scoped beans and no JTA transactions, so it propagates nothing (ADR 0114). Every
/// route's IT runs with this configuration.
@QuarkusTest
class ContextPropagationIT {
  @Test void mutinyOperatorsCaptureNoContext() {
    var plan = SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts().getPlan();
    assertThat(plan.unchangedProviders).extracting(ThreadContextProvider::getThreadContextType).contains("CDI", "Transaction");
    assertThat(plan.isEmpty()).as("nothing propagated or cleared: the interceptor leaves operators as they are").isTrue();
  }
}
