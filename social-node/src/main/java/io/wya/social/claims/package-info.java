/// Identity claims vouched for by a trusted system: `/resolve_claim`, `/find_claim_and_vouch`.
package io.wya.social.claims;
