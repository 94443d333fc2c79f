package io.wya.client.chat;

/// This device's one-time KeyPackages on the gateway — others use one each to invite it; without
/// any left they get its last-resort package (KP-8).
///
/// @param foundOneTime as the gateway reported when the session started, before this session's top-up
/// @param oneTime      now
public record KeyPackageStatus(int foundOneTime, int oneTime, boolean lastResort) {}
