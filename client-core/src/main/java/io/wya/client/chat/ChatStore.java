package io.wya.client.chat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.store.proto.StoredConversation;
import io.wya.client.store.proto.StoredConversations;
import io.wya.client.store.proto.StoredHistory;
import io.wya.client.store.proto.StoredMessage;
import io.wya.client.vault.RecordStore;
import io.wya.gateway.protocol.ConvId;
import io.wya.polycentric.SystemKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// The chat records of a device: the conversation list (`chat/conversations`) and each
/// conversation's decrypted history in pages of [#PAGE] seqs (`chat/history/<conv>/<page>`), so a
/// new line rewrites one small page, not the whole history. The history is the only copy of what
/// was said: MLS keys are deleted once used, so nothing can be decrypted twice.
public final class ChatStore {
  static final String CONVERSATIONS = "chat/conversations";
  static final long PAGE = 256;

  private final RecordStore store;
  private final Map<ConvId, Conversation> conversations = new LinkedHashMap<>();

  public ChatStore(RecordStore store) {
    this.store = store;
    store.read(CONVERSATIONS).ifPresent(bytes -> {
      try {
        for (StoredConversation c : StoredConversations.parseFrom(bytes).getConversationsList()) {
          ConvId id = new ConvId(c.getConvId().toByteArray());
          conversations.put(id, new Conversation(id, c.getName(), c.getDirect(),
              c.getPeer().isEmpty() ? Optional.empty() : Optional.of(SystemKey.of(c.getPeer().toByteArray())), c.getCreatedMs(),
              c.getLastSeq(), c.getStatus().isEmpty() ? Conversation.Status.ACTIVE : Conversation.Status.valueOf(c.getStatus())));
        }
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        throw new ClientException(ClientError.STATE_CORRUPT, "the conversation list does not decode", e);
      }
    });
  }

  public synchronized List<Conversation> conversations() { return List.copyOf(conversations.values()); }

  public synchronized Optional<Conversation> get(ConvId id) { return Optional.ofNullable(conversations.get(id)); }

  /// Finds a conversation by what a person typed: its name (rooms), `@user` (the DM with that
  /// user, resolved by `users`), or a prefix of its hex id (at least 4 characters).
  public synchronized Conversation find(String reference, java.util.function.Function<String, SystemKey> users) {
    String ref = reference.strip();
    List<Conversation> all = List.copyOf(conversations.values());
    if (ref.startsWith("@")) {
      SystemKey peer = users.apply(ref.substring(1));
      return all.stream().filter(c -> c.direct() && c.peer().equals(Optional.of(peer))).findFirst()
          .orElseThrow(() -> new ClientException(ClientError.NOT_FOUND, "no DM with " + ref.substring(1) + " yet (wya dm " + ref.substring(1) + ")"));
    }
    List<Conversation> byName = all.stream().filter(c -> !c.name().isEmpty() && c.name().equalsIgnoreCase(ref)).toList();
    if (byName.size() == 1) return byName.getFirst();
    if (byName.size() > 1) throw new ClientException(ClientError.INVALID_ARGUMENT, "several rooms are called " + ref + "; use the id");
    String hex = ref.toLowerCase(java.util.Locale.ROOT);
    if (hex.matches("[0-9a-f]{4,128}")) {
      List<Conversation> byId = all.stream().filter(c -> c.id().hex().startsWith(hex)).toList();
      if (byId.size() == 1) return byId.getFirst();
      if (byId.size() > 1) throw new ClientException(ClientError.INVALID_ARGUMENT, "the id " + ref + " is ambiguous");
    }
    throw new ClientException(ClientError.NOT_FOUND, "no conversation " + ref + " on this device (wya chat list)");
  }

  public synchronized void put(Conversation c) {
    conversations.put(c.id(), c);
    StoredConversations.Builder out = StoredConversations.newBuilder();
    for (Conversation x : conversations.values()) {
      StoredConversation.Builder s = StoredConversation.newBuilder().setConvId(ByteString.copyFrom(x.id().unsafeBytes())).setName(x.name())
          .setDirect(x.direct()).setCreatedMs(x.createdMs()).setLastSeq(x.lastSeq()).setStatus(x.status().name());
      x.peer().ifPresent(p -> s.setPeer(p.key()));
      out.addConversations(s);
    }
    store.write(CONVERSATIONS, out.build().toByteArray());
  }

  /// Adds a line; a message line whose seq is already there is not added twice (a message of ours
  /// confirmed again after a restart).
  public synchronized void append(ChatLine line) {
    String name = page(line.conversation(), line.seq());
    StoredHistory existing = readPage(name);
    if (!line.system() && existing.getMessagesList().stream().anyMatch(m -> !m.getSystem() && m.getSeq() == line.seq())) return;
    StoredHistory.Builder page = existing.toBuilder();
    StoredMessage.Builder m = StoredMessage.newBuilder().setSeq(line.seq()).setTimeMs(line.timeMs()).setText(line.text()).setSystem(line.system());
    line.sender().ifPresent(s -> m.setSenderUser(s.key()));
    page.addMessages(m);
    store.write(name, page.build().toByteArray());
  }

  /// The history of a conversation in seq order (system lines after the message of their seq).
  public synchronized List<ChatLine> history(ConvId id) {
    List<ChatLine> out = new ArrayList<>();
    for (String name : store.list("chat/history/" + id.hex())) {
      for (StoredMessage m : readPage(name).getMessagesList()) {
        out.add(new ChatLine(id, m.getSeq(), m.getSenderUser().isEmpty() ? Optional.empty() : Optional.of(SystemKey.of(m.getSenderUser().toByteArray())),
            m.getTimeMs(), m.getText(), m.getSystem()));
      }
    }
    out.sort(java.util.Comparator.comparingLong(ChatLine::seq));
    return out;
  }

  private StoredHistory readPage(String name) {
    return store.read(name).map(bytes -> {
      try {
        return StoredHistory.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new ClientException(ClientError.STATE_CORRUPT, "history page " + name + " does not decode", e);
      }
    }).orElse(StoredHistory.getDefaultInstance());
  }

  /// Pages are named by zero-padded page number so that listing order is seq order.
  private static String page(ConvId id, long seq) { return "chat/history/" + id.hex() + "/" + String.format("%012d", seq / PAGE); }
}
