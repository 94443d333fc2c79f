package io.wya.gateway.presence;

import io.wya.gateway.protocol.UserId;

/// A user's view changed (published by the store to every instance that follows the user).
public record PresenceChange(UserId user, PresenceView view) {}
