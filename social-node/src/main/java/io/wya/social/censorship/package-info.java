/// The operator's `/censor` (admin token): censored systems and events leave every read, and a
/// `refuse_storage` system's new events are refused at ingest (ADR 0104).
package io.wya.social.censorship;
