package io.wya.client.social;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.store.proto.StoredContact;
import io.wya.client.store.proto.StoredContacts;
import io.wya.client.vault.RecordStore;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/// The device's address book: local names for systems (record `contacts`), and the resolution of
/// what a person types for a user — a public id (base64url of the 32-byte key, or of the encoded
/// `PublicKey` as Polycentric links carry it), a local alias, or a known username.
public final class Contacts {
  static final String RECORD = "contacts";
  private static final Pattern ALIAS = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

  private final RecordStore store;
  private final List<Contact> contacts = new ArrayList<>();

  /// @param username the last username seen in the system's events (display only)
  public record Contact(String alias, SystemKey system, String username) {}

  public Contacts(RecordStore store) {
    this.store = store;
    store.read(RECORD).ifPresent(bytes -> {
      try {
        for (StoredContact c : StoredContacts.parseFrom(bytes).getContactsList()) {
          contacts.add(new Contact(c.getAlias(), SystemKey.of(c.getSystem().toByteArray()), c.getUsername()));
        }
      } catch (InvalidProtocolBufferException | WireException e) {
        throw new ClientException(ClientError.STATE_CORRUPT, "the contacts record does not decode", e);
      }
    });
  }

  public List<Contact> all() { return List.copyOf(contacts); }

  public Optional<Contact> of(SystemKey system) { return contacts.stream().filter(c -> c.system().equals(system)).findFirst(); }

  /// Records `system` with an alias (kept when blank) and its latest known username.
  public void remember(SystemKey system, String alias, String username) {
    if (!alias.isEmpty() && !ALIAS.matcher(alias).matches()) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "an alias is 1-32 letters, digits, '_', '.' or '-'");
    }
    Optional<Contact> sameAlias = contacts.stream().filter(c -> !alias.isEmpty() && c.alias().equalsIgnoreCase(alias)).findFirst();
    if (sameAlias.isPresent() && !sameAlias.get().system().equals(system)) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "the alias " + alias + " already names another user");
    }
    Optional<Contact> existing = of(system);
    Contact updated = new Contact(alias.isEmpty() ? existing.map(Contact::alias).orElse("") : alias, system,
        username.isEmpty() ? existing.map(Contact::username).orElse("") : username);
    if (existing.equals(Optional.of(updated))) return;
    existing.ifPresent(contacts::remove);
    contacts.add(updated);
    save();
  }

  /// Resolves what a person typed for a user.
  ///
  /// @throws ClientException `NOT_FOUND` when it names nobody known, `INVALID_ARGUMENT` when a
  ///     username matches several contacts
  public SystemKey resolve(String text) {
    String t = text.strip();
    Optional<SystemKey> parsed = parsePublicId(t);
    if (parsed.isPresent()) return parsed.get();
    String name = t.startsWith("@") ? t.substring(1) : t;
    for (Contact c : contacts) if (c.alias().equalsIgnoreCase(name)) return c.system();
    List<Contact> byUsername = contacts.stream().filter(c -> c.username().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
    if (byUsername.size() == 1) return byUsername.getFirst().system();
    if (byUsername.size() > 1) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "several contacts are called " + name + "; use an alias or the public id");
    }
    throw new ClientException(ClientError.NOT_FOUND, "no user " + t + " (give a public id, or `wya contacts add <alias> <id>` first)");
  }

  /// A public id: base64url of the raw 32-byte key (what `wya whoami` prints) or of an encoded
  /// `PublicKey` message.
  public static Optional<SystemKey> parsePublicId(String text) {
    if (text.length() < 43 || text.length() > 64) return Optional.empty();
    try {
      byte[] bytes = Base64Url.decode(text);
      if (bytes.length == 32) return Optional.of(SystemKey.of(bytes));
      return Optional.of(SystemKey.parse(ByteString.copyFrom(bytes)));
    } catch (WireException e) {
      return Optional.empty();
    }
  }

  public static String publicId(SystemKey system) { return Base64Url.encode(system.key().toByteArray()); }

  private void save() {
    StoredContacts.Builder out = StoredContacts.newBuilder();
    for (Contact c : contacts) {
      out.addContacts(StoredContact.newBuilder().setAlias(c.alias()).setSystem(c.system().key()).setUsername(c.username()));
    }
    store.write(RECORD, out.build().toByteArray());
  }
}
