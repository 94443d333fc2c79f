package io.wya.polycentric;

/// The `Event.content_type` values the official clients publish. Servers accept any value and
/// store unknown ones opaquely (Grayjay numbers types from 17 up differently).
public final class ContentType {
  public static final long DELETE = 1;
  public static final long SYSTEM_PROCESSES = 2;
  public static final long POST = 3;
  public static final long FOLLOW = 4;
  public static final long USERNAME = 5;
  public static final long DESCRIPTION = 6;
  public static final long BLOB_META = 7;
  public static final long BLOB_SECTION = 8;
  public static final long AVATAR = 9;
  public static final long SERVER = 10;
  public static final long VOUCH = 11;
  public static final long CLAIM = 12;
  public static final long BANNER = 13;
  public static final long OPINION = 14;
  public static final long STORE = 15;
  public static final long AUTHORITY = 16;
  public static final long JOIN_TOPIC = 17;
  public static final long BLOCK = 18;

  private ContentType() {}
}
