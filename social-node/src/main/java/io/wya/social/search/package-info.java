/// Fuzzy message search: the vocabulary of distinct post words that queries are widened with (ADR 0108).
package io.wya.social.search;
