package io.wya.social.ingest;

import com.google.protobuf.ByteString;
import io.wya.polycentric.DeleteContent;
import io.wya.polycentric.VerifiedEvent;
import java.util.List;
import java.util.Optional;

/// A verified event that passed the content rules, with what storing it needs.
///
/// @param subjects       the subject key of each reference, in order
/// @param delete         for a DELETE, what it removes
/// @param claimFieldsJson for a CLAIM, its fields as a JSON object `{"<key>":"<value>"}`
/// @param searchText     for posts and profile fields, the text to index
public record AcceptedEvent(VerifiedEvent event, List<ByteString> subjects, Optional<DeleteContent> delete, OptionalClaim claim,
                            Optional<SearchText> searchText) {
  /// A claim's type and fields.
  public record OptionalClaim(long claimType, String fieldsJson) {
    static final OptionalClaim NONE = new OptionalClaim(-1, null);

    public boolean present() { return fieldsJson != null; }
  }

  /// One search document: `kind` is `message` (a post's text, kept on its event, ADR 0117),
  /// `username` or `description` (rows of `search_documents`).
  public record SearchText(String kind, String body) {
    public static final String MESSAGE = "message";
    public static final String USERNAME = "username";
    public static final String DESCRIPTION = "description";
  }
}
