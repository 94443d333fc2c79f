package io.wya.client.chat;

/// What the chat client tells its UI, on the gateway's event thread.
public sealed interface ChatEvent {
  /// A new line in a conversation (a message, own or others', or a system line).
  record Line(Conversation conversation, ChatLine line) implements ChatEvent {}

  /// A message of this device was saved in the outbox; a [Line] follows once the gateway accepted it.
  record Queued(Conversation conversation, Outgoing message) implements ChatEvent {}

  /// This device joined a conversation (a Welcome) or created one.
  record Joined(Conversation conversation) implements ChatEvent {}

  /// The conversation's name or kind changed (a member's announcement), or this device left it.
  record Updated(Conversation conversation) implements ChatEvent {}

  /// Every backlog entry has been processed (DLV-3).
  record CaughtUp(int conversations) implements ChatEvent {}
}
