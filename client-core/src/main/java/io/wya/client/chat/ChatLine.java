package io.wya.client.chat;

import io.wya.gateway.protocol.ConvId;
import io.wya.polycentric.SystemKey;
import java.util.Optional;

/// One line of a conversation's history: a message someone wrote, or a system line ("bob joined").
///
/// @param sender empty for system lines
/// @param timeMs when the gateway accepted the entry
public record ChatLine(ConvId conversation, long seq, Optional<SystemKey> sender, long timeMs, String text, boolean system) {}
