package io.wya.client.social;

import io.wya.polycentric.EventPointer;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import java.util.HexFormat;
import java.util.Optional;

/// A POST event as the client shows it.
///
/// @param replyTo the event this post answers, when it carries a pointer reference
public record Post(VerifiedEvent event, String text, Optional<EventPointer> replyTo) {
  /// Hex characters of the digest in a short post id.
  public static final int SHORT_ID_CHARS = 10;

  public SystemKey author() { return event.system(); }

  public long unixMilliseconds() { return event.unixMilliseconds().orElse(0); }

  public EventPointer pointer() { return event.pointer(); }

  /// The id people type (`wya like <id>`): the first hex characters of the event digest.
  public String id() { return shortId(event); }

  public static String shortId(VerifiedEvent event) {
    return HexFormat.of().formatHex(event.digest().toByteArray()).substring(0, SHORT_ID_CHARS);
  }
}
