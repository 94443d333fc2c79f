package io.wya.social.censorship;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/// A system an operator censored (`/censor`); `refuse_storage` also refuses its new events.
@Entity
@Table(name = "censored_systems")
public class CensoredSystem {
  @Id
  @Column(name = "system")
  public byte[] system;

  @Column(name = "censorship_type", nullable = false, columnDefinition = "text")
  public String censorshipType;

  protected CensoredSystem() {}

  public CensoredSystem(byte[] system, String censorshipType) {
    this.system = system;
    this.censorshipType = censorshipType;
  }
}
