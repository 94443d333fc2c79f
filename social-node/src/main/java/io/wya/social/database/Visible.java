package io.wya.social.database;

/// The SQL condition every read applies to an `events` row aliased `e`: censored systems and
/// censored events are never served.
public final class Visible {
  public static final String EVENT = """
      not exists (select 1 from censored_systems cs where cs.system = e.system)
      and not exists (select 1 from censored_events ce
                       where ce.system = e.system and ce.process = e.process and ce.logical_clock = e.logical_clock)""";

  /// The subject key of the event `e` (SubjectKey.of(EventKey)) computed in SQL.
  public static final String SUBJECT_OF_E = "('\\x02'::bytea || e.system || e.process || int8send(e.logical_clock))";

  private Visible() {}
}
