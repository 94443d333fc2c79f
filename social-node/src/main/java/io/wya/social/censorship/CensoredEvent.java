package io.wya.social.censorship;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/// An event an operator censored (`/censor`), by its coordinates.
@Entity
@Table(name = "censored_events")
public class CensoredEvent {
  @EmbeddedId
  public Key key;

  @Column(name = "censorship_type", nullable = false, columnDefinition = "text")
  public String censorshipType;

  protected CensoredEvent() {}

  public CensoredEvent(Key key, String censorshipType) {
    this.key = key;
    this.censorshipType = censorshipType;
  }

  /// (system, process, logical clock), raw bytes as in `events`.
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "system")
    public byte[] system;

    @Column(name = "process")
    public byte[] process;

    @Column(name = "logical_clock")
    public long logicalClock;

    protected Key() {}

    public Key(byte[] system, byte[] process, long logicalClock) {
      this.system = system;
      this.process = process;
      this.logicalClock = logicalClock;
    }

    @Override public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(system, k.system) && Arrays.equals(process, k.process) && logicalClock == k.logicalClock;
    }

    @Override public int hashCode() { return Objects.hash(Arrays.hashCode(system), Arrays.hashCode(process), logicalClock); }
  }
}
