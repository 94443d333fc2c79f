package io.wya.client;

import io.wya.client.home.Endpoints;
import io.wya.client.home.WyaHome;
import io.wya.client.identity.Identity;
import io.wya.client.identity.IdentityStore;
import io.wya.client.social.HttpSocialNode;
import io.wya.client.social.SocialClient;
import io.wya.client.social.SocialNode;
import io.wya.client.vault.KdfParams;
import io.wya.client.vault.KeySource;
import io.wya.client.vault.PassphraseSource;
import io.wya.client.vault.RecordStore;
import io.wya.client.vault.Vault;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;

/// One opened home: the vault, the identity and the clients built on them. The composition root
/// of client-core; the CLI opens one per command.
public final class WyaClient {
  private final WyaHome home;
  private final Vault vault;
  private final RecordStore store;
  private final Identity identity;
  private final Endpoints endpoints;
  private final Clock clock;
  private final SecureRandom random;
  private final HttpClient http;
  private SocialClient social;

  private WyaClient(WyaHome home, Vault vault, RecordStore store, Identity identity, Endpoints endpoints, Clock clock, SecureRandom random) {
    this.home = home;
    this.vault = vault;
    this.store = store;
    this.identity = identity;
    this.endpoints = endpoints;
    this.clock = clock;
    this.random = random;
    this.http = HttpSocialNode.defaultHttpClient();
  }

  /// Creates a new identity in `home` (which must not have one) and records the server URLs.
  public static WyaClient init(WyaHome home, KeySource keySource, KdfParams kdf, Endpoints endpoints, Clock clock, SecureRandom random) {
    home.create();
    if (Vault.exists(home.dir())) throw new ClientException(ClientError.ALREADY_INITIALIZED, home.dir() + " already has an identity");
    Vault vault = Vault.create(home.dir(), keySource, kdf, random);
    RecordStore store = new RecordStore(home.storeDir(), vault.box("store"));
    Identity identity = new IdentityStore(store).create(random, clock);
    home.writeConfig(endpoints.toConfig());
    return new WyaClient(home, vault, store, identity, endpoints, clock, random);
  }

  public static WyaClient open(WyaHome home, PassphraseSource passphrases, Endpoints endpoints, Clock clock, SecureRandom random) {
    if (!Vault.exists(home.dir())) throw new ClientException(ClientError.NOT_INITIALIZED, "no identity in " + home.dir() + " (run `wya init`)");
    Vault vault = Vault.open(home.dir(), passphrases, random);
    RecordStore store = new RecordStore(home.storeDir(), vault.box("store"));
    Identity identity = new IdentityStore(store).load();
    return new WyaClient(home, vault, store, identity, endpoints, clock, random);
  }

  public WyaHome home() { return home; }

  public Identity identity() { return identity; }

  public Endpoints endpoints() { return endpoints; }

  public Clock clock() { return clock; }

  public SecureRandom random() { return random; }

  public RecordStore store() { return store; }

  public Vault vault() { return vault; }

  public HttpClient http() { return http; }

  public SocialClient social() {
    if (social == null) {
      SocialNode node = new HttpSocialNode(endpoints.social(), http);
      social = new SocialClient(identity, store, node, endpoints.social(), clock);
    }
    return social;
  }
}
