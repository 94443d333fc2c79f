/// `/query_references`: the replies, comments and opinions about an event or a bytes subject, with
/// counts computed from the current rows.
package io.wya.social.references;
