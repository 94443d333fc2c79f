package io.wya.gateway.session;

import io.wya.gateway.auth.Authenticator;
import io.wya.gateway.auth.DeviceStore;
import io.wya.gateway.auth.ResumeTokens;
import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.keypackage.KeyPackageDirectory;
import io.wya.gateway.limits.PenaltyStore;
import io.wya.gateway.mailbox.MailboxStore;
import io.wya.gateway.observe.Metrics;
import java.time.Clock;

/// Everything a [Session] uses that outlives it, shared by every session of the instance.
public record SessionServices(GatewayConfig config, Clock clock, Entropy entropy, Authenticator authenticator,
                              DeviceStore devices, ResumeTokens resumeTokens, MailboxStore mailbox,
                              KeyPackageDirectory keyPackages, PenaltyStore penalties, SessionRegistry registry, Metrics metrics,
                              Operations operations) {}
