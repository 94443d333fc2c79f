/// `/search`: PostgreSQL full-text search of posts and current profile names (ADR 0102), widened
/// for fuzzy matches through the vocabulary of distinct post words (ADR 0108).
package io.wya.social.search;
