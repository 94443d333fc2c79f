/// Discovery across systems: recent posts (`/explore`), trending bytes subjects
/// (`/top_string_references`) and recently active systems (`/recommended_profiles`).
package io.wya.social.discovery;
