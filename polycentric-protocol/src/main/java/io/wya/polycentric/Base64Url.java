package io.wya.polycentric;

import java.util.Base64;

/// The base64 forms Polycentric query parameters use. The TypeScript client sends base64url
/// without padding, the Rust and Dart clients send it padded, and the `/search` cursor is decoded
/// upstream with the standard alphabet: decoding accepts all of these.
public final class Base64Url {
  private static final Base64.Encoder URL_UNPADDED = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Encoder STANDARD = Base64.getEncoder();

  private Base64Url() {}

  /// Unpadded base64url, the form the official TypeScript client sends.
  public static String encode(byte[] bytes) { return URL_UNPADDED.encodeToString(bytes); }

  /// Standard base64 with padding (upstream's form for pointer cache tags and search cursors).
  public static String encodeStandard(byte[] bytes) { return STANDARD.encodeToString(bytes); }

  /// Decodes base64url, padded or not; an empty string is zero bytes.
  ///
  /// @throws WireException `INVALID_BASE64` when the text is not base64url
  public static byte[] decode(String text) {
    if (text.indexOf('+') >= 0 || text.indexOf('/') >= 0) throw invalid();
    return decodeAnyAlphabet(text);
  }

  /// Decodes base64 in either alphabet (standard or url-safe), padded or not.
  ///
  /// @throws WireException `INVALID_BASE64` when the text is neither
  public static byte[] decodeAnyAlphabet(String text) {
    String s = text.strip();
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') end--;
    if (s.length() - end > 2 || end % 4 == 1) throw invalid();
    StringBuilder normalized = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '+') c = '-';
      else if (c == '/') c = '_';
      else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) throw invalid();
      normalized.append(c);
    }
    try {
      return Base64.getUrlDecoder().decode(normalized.toString());
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static WireException invalid() {
    return new WireException("INVALID_BASE64", "not base64url (padded or unpadded)");
  }
}
