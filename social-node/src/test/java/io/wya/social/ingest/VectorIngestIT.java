package io.wya.social.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.RangesForSystem;
import io.wya.social.support.Node;
import io.wya.social.support.SocialNodeResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Golden test: the five events the official client signed (shared/vectors/polycentric) ingest,
/// come back byte for byte, and the ranges are [1,5] (the deleted post's clock still counts).
@QuarkusTest
@QuarkusTestResource(value = SocialNodeResource.class, restrictToAnnotatedClass = false)
class VectorIngestIT {
  private static final String[] NAMES = {"post_clock1", "username_clock2", "follow_clock3", "replyToPost1_clock4", "deleteOfPost1_clock5"};

  @Test void theVectorEventsComeBackByteIdenticalAndTheRangesAreOneToFive() throws Exception {
    JsonNode v = vectors();
    String system = v.get("systemQueryParam_base64url").asText();
    Events.Builder firstFour = Events.newBuilder();
    for (int i = 0; i < 4; i++) firstFour.addEvents(io.wya.polycentric.proto.SignedEvent.parseFrom(hex(v, NAMES[i])));
    Node.postRaw(firstFour.build().toByteArray()).then().statusCode(200);

    byte[] all = given().queryParam("system", system).queryParam("ranges", v.get("rangesQueryParam_1to5_base64url").asText())
        .get("/events").then().statusCode(200).extract().asByteArray();
    assertThat(Node.events(all)).containsExactly(hex(v, NAMES[0]), hex(v, NAMES[1]), hex(v, NAMES[2]), hex(v, NAMES[3]));

    Node.postRaw(HexFormat.of().parseHex(v.get("postEventsBodyHex_allFive").asText())).then().statusCode(200);
    RangesForSystem ranges = RangesForSystem.parseFrom(given().queryParam("system", system).get("/ranges").then().statusCode(200)
        .extract().asByteArray());
    assertThat(ranges.getRangesForProcessesList()).singleElement().satisfies(p -> {
      assertThat(HexFormat.of().formatHex(p.getProcess().getProcess().toByteArray())).isEqualTo(v.get("processHex").asText());
      assertThat(p.getRangesList()).singleElement().satisfies(r -> {
        assertThat(r.getLow()).isEqualTo(1);
        assertThat(r.getHigh()).isEqualTo(5);
      });
    });
    byte[] afterDelete = given().queryParam("system", system).queryParam("ranges", v.get("rangesQueryParam_1to5_base64url").asText())
        .get("/events").then().statusCode(200).extract().asByteArray();
    assertThat(Node.events(afterDelete)).containsExactly(hex(v, NAMES[1]), hex(v, NAMES[2]), hex(v, NAMES[3]), hex(v, NAMES[4]));
  }

  static JsonNode vectors() throws Exception {
    Path file = Path.of(System.getProperty("wya.vectors.dir", "../../shared/vectors"), "polycentric", "testvectors.json");
    assumeTrue(Files.exists(file), "Polycentric test vectors absent at " + file + "; skipping");
    return new ObjectMapper().readTree(file.toFile());
  }

  private static ByteString hex(JsonNode v, String name) {
    return ByteString.copyFrom(HexFormat.of().parseHex(v.get("events").get(name).get("signedEventHex").asText()));
  }

  static List<String> names() { return List.of(NAMES); }
}
