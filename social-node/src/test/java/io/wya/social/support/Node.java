package io.wya.social.support;

import static io.restassured.RestAssured.given;

import com.google.protobuf.ByteString;
import io.restassured.response.Response;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.RangesForSystem;
import io.wya.polycentric.proto.SignedEvent;
import java.util.List;

/// HTTP calls to the node under test, in the client's encodings.
public final class Node {
  private Node() {}

  public static Response post(List<VerifiedEvent> events) {
    Events.Builder body = Events.newBuilder();
    events.forEach(e -> body.addEvents(e.toSignedEvent()));
    return postRaw(body.build().toByteArray());
  }

  public static Response post(VerifiedEvent... events) { return post(List.of(events)); }

  public static Response postSigned(SignedEvent... events) {
    return postRaw(Events.newBuilder().addAllEvents(List.of(events)).build().toByteArray());
  }

  public static Response postRaw(byte[] body) { return given().body(body).post("/events"); }

  public static String param(SystemKey system) { return Base64Url.encode(system.encoded().toByteArray()); }

  public static String param(com.google.protobuf.Message message) { return Base64Url.encode(message.toByteArray()); }

  public static RangesForSystem ranges(SystemKey system) throws Exception {
    return RangesForSystem.parseFrom(given().queryParam("system", param(system)).get("/ranges").then().statusCode(200).extract().asByteArray());
  }

  public static List<ByteString> events(byte[] eventsBody) throws Exception {
    return Events.parseFrom(eventsBody).getEventsList().stream().map(SignedEvent::toByteString).toList();
  }
}
