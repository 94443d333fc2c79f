package io.wya.social.http;

/// The `Cache-Control` values upstream sends per route (protocol doc §4.3).
public enum CachePolicy {
  /// Event reads: a CDN keeps them an hour (purged by surrogate key), browsers 5 s.
  EVENT_READS("public, s-maxage=3600, max-age=5"),
  /// `/explore`, `/recommended_profiles`.
  DISCOVERY("public, s-maxage=5, max-age=5"),
  /// `/top_string_references`.
  TRENDING("public, s-maxage=60, max-age=60"),
  /// `/ranges`, `/challenge`, `/find_claim_and_vouch`: always revalidated.
  NO_CACHE("no-cache"),
  /// Routes upstream sends no Cache-Control for (`/search`, `/version`, …).
  NONE(null);

  private final String header;

  CachePolicy(String header) { this.header = header; }

  public String header() { return header; }
}
