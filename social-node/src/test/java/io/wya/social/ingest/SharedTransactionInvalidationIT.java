package io.wya.social.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.proto.RepeatedUInt64;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/// The cache is invalidated once per write transaction, for every batch that shared it, before
/// any of them is answered: after its `POST /events` returns, each client's next read shows its
/// new event, though the entry was cached (in Redis and in the node's memory) just before.
@QuarkusTest
class SharedTransactionInvalidationIT {
  private static final int CLIENTS = 12;
  private static final String TYPES = Node.param(RepeatedUInt64.newBuilder().addNumbers(5).build());

  @Inject MeterRegistry metrics;

  @Test void everyBatchOfASharedTransactionIsSeenByTheReadAfterIt() throws Exception {
    double sharedBefore = batchesBeyondOnePerTransaction();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int round = 1; round <= 10 && batchesBeyondOnePerTransaction() == sharedBefore; round++) {
        List<Identity> identities = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          Identity identity = Identity.create();
          Node.post(identity.author.username("before")).then().statusCode(200);
          assertThat(username(identity)).contains("before");
          assertThat(username(identity)).as("cached").contains("before");
          identities.add(identity);
        }
        List<Future<Integer>> posts = new ArrayList<>();
        for (Identity identity : identities) {
          posts.add(clients.submit(() -> Node.post(identity.author.username("after")).statusCode()));
        }
        for (Future<Integer> post : posts) assertThat(post.get()).isEqualTo(200);
        for (Identity identity : identities) assertThat(username(identity)).as("round %d", round).contains("after");
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(batchesBeyondOnePerTransaction()).as("some transaction wrote more than one batch").isGreaterThan(sharedBefore);
  }

  private static String username(Identity identity) {
    byte[] body = given().urlEncodingEnabled(false)
        .get("/query_latest?system=" + Node.param(identity.system()) + "&event_types=" + TYPES).then().statusCode(200).extract().asByteArray();
    return new String(body, StandardCharsets.ISO_8859_1);
  }

  private double batchesBeyondOnePerTransaction() {
    DistributionSummary transactions = metrics.find("social.ingest.batches.per.transaction").summary();
    return transactions == null ? 0 : transactions.totalAmount() - transactions.count();
  }
}
