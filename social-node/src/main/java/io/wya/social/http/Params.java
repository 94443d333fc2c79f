package io.wya.social.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.WireException;
import java.util.OptionalLong;

/// Query parameters into trusted values; a missing or bad parameter is a 400 naming it
/// (upstream answers 404 "404", ADR 0103).
public final class Params {
  private Params() {}

  public static SystemKey system(String value) {
    try {
      return SystemKey.parse(com.google.protobuf.ByteString.copyFrom(bytes("system", value)));
    } catch (WireException e) {
      throw ApiException.badParameter("system", e.getMessage());
    }
  }

  public static byte[] bytes(String name, String value) {
    if (value == null) throw ApiException.badParameter(name, "missing");
    try {
      return Base64Url.decode(value);
    } catch (WireException e) {
      throw ApiException.badParameter(name, "not base64url");
    }
  }

  public static <T extends Message> T message(String name, String value, Parser<T> parser) {
    try {
      return parser.parseFrom(bytes(name, value));
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badParameter(name, "not a valid protobuf message");
    }
  }

  public static long unsigned(String name, String value) {
    if (value == null) throw ApiException.badParameter(name, "missing");
    try {
      long v = Long.parseUnsignedLong(value.strip());
      if (v < 0) throw ApiException.badParameter(name, "above 2^63-1");
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "not an unsigned integer");
    }
  }

  public static OptionalLong optionalUnsigned(String name, String value) {
    return value == null || value.isEmpty() ? OptionalLong.empty() : OptionalLong.of(unsigned(name, value));
  }

  /// A `limit` with the route's default, capped at `max`.
  public static int limit(String value, int defaultLimit, int max) {
    OptionalLong limit = optionalUnsigned("limit", value);
    return (int) Math.min(limit.orElse(defaultLimit), max);
  }
}
