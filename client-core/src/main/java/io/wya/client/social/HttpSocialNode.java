package io.wya.client.social;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.EventPointer;
import io.wya.polycentric.EventVerifier;
import io.wya.polycentric.Opinion;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.Reference;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.QueryIndexResponse;
import io.wya.polycentric.proto.QueryReferencesRequest;
import io.wya.polycentric.proto.QueryReferencesRequestCountLWWElementReferences;
import io.wya.polycentric.proto.QueryReferencesRequestCountReferences;
import io.wya.polycentric.proto.QueryReferencesResponse;
import io.wya.polycentric.proto.Range;
import io.wya.polycentric.proto.RangesForProcess;
import io.wya.polycentric.proto.RangesForSystem;
import io.wya.polycentric.proto.RepeatedUInt64;
import io.wya.polycentric.proto.SignedEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/// [SocialNode] over the node's HTTP API with the JDK client. Query parameters are protobuf in
/// unpadded base64url, as the official TypeScript client sends them (protocol doc §4.2); every
/// `SignedEvent` in a response goes through [EventVerifier] and one bad event fails the whole
/// response, as in the official client.
public final class HttpSocialNode implements SocialNode {
  /// What the node sees in `x-polycentric-user-agent`.
  public static final String USER_AGENT = "wya-client/0.1";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;

  public HttpSocialNode(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @Override public void postEvents(List<VerifiedEvent> events) {
    Events.Builder body = Events.newBuilder();
    events.forEach(e -> body.addEvents(e.toSignedEvent()));
    HttpRequest request = request("/events").header("content-type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.build().toByteArray())).build();
    send(request);
  }

  @Override public Ranges ranges(SystemKey system) {
    byte[] body = send(request("/ranges?system=" + param(system.encoded())).GET().build());
    try {
      RangesForSystem proto = RangesForSystem.parseFrom(body);
      Ranges out = Ranges.empty();
      for (RangesForProcess p : proto.getRangesForProcessesList()) {
        ProcessId process = ProcessId.fromProto(p.getProcess());
        for (Range r : p.getRangesList()) {
          if (r.getLow() < 0 || r.getHigh() < r.getLow()) throw new ClientException(ClientError.BAD_RESPONSE, "/ranges: bad range");
          out.add(process, r.getLow(), r.getHigh());
        }
      }
      return out;
    } catch (InvalidProtocolBufferException | WireException e) {
      throw new ClientException(ClientError.BAD_RESPONSE, "/ranges answered something that is not a RangesForSystem", e);
    }
  }

  @Override public List<VerifiedEvent> events(SystemKey system, Ranges ranges) {
    RangesForSystem.Builder proto = RangesForSystem.newBuilder();
    ranges.runs().forEach((process, runs) -> {
      RangesForProcess.Builder p = RangesForProcess.newBuilder().setProcess(process.toProto());
      runs.forEach(r -> p.addRanges(Range.newBuilder().setLow(r[0]).setHigh(r[1])));
      proto.addRangesForProcesses(p);
    });
    byte[] body = send(request("/events?system=" + param(system.encoded()) + "&ranges=" + param(proto.build().toByteString())).GET().build());
    return verifiedEvents("/events", body);
  }

  @Override public List<VerifiedEvent> queryLatest(SystemKey system, List<Long> contentTypes) {
    RepeatedUInt64 types = RepeatedUInt64.newBuilder().addAllNumbers(contentTypes).build();
    byte[] body = send(request("/query_latest?system=" + param(system.encoded()) + "&event_types=" + param(types.toByteString())).GET().build());
    return verifiedEvents("/query_latest", body);
  }

  @Override public List<VerifiedEvent> queryIndex(SystemKey system, long contentType, OptionalLong after, int limit) {
    String query = "/query_index?system=" + param(system.encoded()) + "&content_type=" + Long.toUnsignedString(contentType)
        + (after.isPresent() ? "&after=" + after.getAsLong() : "") + "&limit=" + limit;
    byte[] body = send(request(query).GET().build());
    try {
      QueryIndexResponse response = QueryIndexResponse.parseFrom(body);
      return verify("/query_index", response.getEventsList());
    } catch (InvalidProtocolBufferException e) {
      throw new ClientException(ClientError.BAD_RESPONSE, "/query_index answered something that is not a QueryIndexResponse", e);
    }
  }

  @Override public ReferenceCounts counts(EventPointer subject) {
    QueryReferencesRequest query = QueryReferencesRequest.newBuilder()
        .setReference(Reference.to(subject).toProto())
        .addCountLwwElementReferences(QueryReferencesRequestCountLWWElementReferences.newBuilder()
            .setValue(Opinion.LIKE.value()).setFromType(ContentType.OPINION))
        .addCountLwwElementReferences(QueryReferencesRequestCountLWWElementReferences.newBuilder()
            .setValue(Opinion.DISLIKE.value()).setFromType(ContentType.OPINION))
        .addCountReferences(QueryReferencesRequestCountReferences.newBuilder().setFromType(ContentType.POST))
        .build();
    byte[] body = send(request("/query_references?query=" + param(query.toByteString())).GET().build());
    try {
      QueryReferencesResponse response = QueryReferencesResponse.parseFrom(body);
      List<Long> counts = response.getCountsList();
      if (counts.size() != 3) {
        throw new ClientException(ClientError.BAD_RESPONSE, "/query_references answered " + counts.size() + " counts, asked for 3");
      }
      return new ReferenceCounts(counts.get(0), counts.get(1), counts.get(2));
    } catch (InvalidProtocolBufferException e) {
      throw new ClientException(ClientError.BAD_RESPONSE, "/query_references answered something that is not a QueryReferencesResponse", e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(REQUEST_TIMEOUT).header("x-polycentric-user-agent", USER_AGENT);
  }

  private byte[] send(HttpRequest request) {
    String route = request.uri().getPath();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        throw new ClientException(ClientError.SERVER_REJECTED, request.method() + " " + route + " answered " + response.statusCode()
            + (text.isBlank() ? "" : ": " + abbreviate(text)));
      }
      return response.body();
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the social node at " + base + " is unreachable (" + describe(e) + ")", e);
    } catch (HttpTimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, request.method() + " " + route + " timed out", e);
    } catch (IOException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the social node at " + base + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted during " + route, e);
    }
  }

  private static List<VerifiedEvent> verifiedEvents(String route, byte[] body) {
    try {
      return verify(route, Events.parseFrom(body).getEventsList());
    } catch (InvalidProtocolBufferException e) {
      throw new ClientException(ClientError.BAD_RESPONSE, route + " answered something that is not an Events message", e);
    }
  }

  private static List<VerifiedEvent> verify(String route, List<SignedEvent> signed) {
    List<VerifiedEvent> out = new ArrayList<>(signed.size());
    for (SignedEvent s : signed) {
      try {
        out.add(EventVerifier.verify(s));
      } catch (WireException e) {
        throw new ClientException(ClientError.BAD_RESPONSE, route + " returned an invalid event (" + e.code() + ": " + e.getMessage() + ")", e);
      }
    }
    return out;
  }

  private static String param(ByteString bytes) { return Base64Url.encode(bytes.toByteArray()); }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    if (m != null && !m.isBlank()) return m;
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }
}
