package io.wya.social.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/// A claimed handle (`/claim_handle`): one per system, unique across systems.
@Entity
@Table(name = "identity_handles")
public class IdentityHandle {
  @Id
  @Column(name = "handle", columnDefinition = "text")
  public String handle;

  /// The 32 raw key bytes.
  @Column(name = "system", nullable = false, unique = true)
  public byte[] system;

  protected IdentityHandle() {}

  public IdentityHandle(String handle, byte[] system) {
    this.handle = handle;
    this.system = system;
  }
}
