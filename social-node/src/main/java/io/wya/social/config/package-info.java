/// `SocialConfig` (`social.*`) and the injectable clock and randomness.
package io.wya.social.config;
