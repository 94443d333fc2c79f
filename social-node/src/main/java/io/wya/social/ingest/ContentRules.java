package io.wya.social.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.DeleteContent;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import io.wya.polycentric.proto.Claim;
import io.wya.polycentric.proto.Post;
import java.util.Optional;

/// What an event's content must hold before it is stored: the rules upstream enforces late (with
/// a 500 after a partial write), enforced here up front so a bad batch is a 400 and stores nothing.
///
/// Codes: `INVALID_DELETE`, `INVALID_CLAIM`, `INVALID_POST`, `POST_TOO_LONG`, `MISSING_LWW_ELEMENT`,
/// `MISSING_LWW_ELEMENT_SET`, `INVALID_UTF8`. Any other content type is accepted opaquely.
public final class ContentRules {
  private final int maxPostBytes;

  public ContentRules(int maxPostBytes) { this.maxPostBytes = maxPostBytes; }

  /// @throws WireException naming the rule when the content is invalid
  public AcceptedEvent accept(VerifiedEvent event) {
    Optional<DeleteContent> delete = Optional.empty();
    AcceptedEvent.OptionalClaim claim = AcceptedEvent.OptionalClaim.NONE;
    Optional<AcceptedEvent.SearchText> search = Optional.empty();
    long type = event.contentType();
    if (type == ContentType.DELETE) {
      delete = Optional.of(DeleteContent.parse(event.content()));
    } else if (type == ContentType.CLAIM) {
      claim = claim(event.content());
    } else if (type == ContentType.POST) {
      search = Optional.of(new AcceptedEvent.SearchText(AcceptedEvent.SearchText.MESSAGE, postText(event.content())));
    } else if (type == ContentType.USERNAME || type == ContentType.DESCRIPTION || type == ContentType.STORE) {
      String value = utf8(event.lwwElement().orElseThrow(() -> missing("MISSING_LWW_ELEMENT", type)).value());
      if (type == ContentType.USERNAME) search = Optional.of(new AcceptedEvent.SearchText(AcceptedEvent.SearchText.USERNAME, value));
      if (type == ContentType.DESCRIPTION) search = Optional.of(new AcceptedEvent.SearchText(AcceptedEvent.SearchText.DESCRIPTION, value));
    } else if (type == ContentType.SERVER || type == ContentType.AUTHORITY) {
      utf8(event.lwwElementSet().orElseThrow(() -> missing("MISSING_LWW_ELEMENT_SET", type)).value());
    } else if (type == ContentType.OPINION) {
      event.lwwElement().orElseThrow(() -> missing("MISSING_LWW_ELEMENT", type));
    }
    return new AcceptedEvent(event, event.references().stream().map(SubjectKey::of).toList(), delete, claim, search);
  }

  private String postText(ByteString content) {
    Post post;
    try {
      post = Post.parseFrom(content);
    } catch (InvalidProtocolBufferException e) {
      throw new WireException("INVALID_POST", "content is not a Post message (or its text is not UTF-8)");
    }
    if (!post.hasContent()) throw new WireException("INVALID_POST", "a post must have content text");
    int bytes = post.getContentBytes().size();
    if (bytes > maxPostBytes) throw new WireException("POST_TOO_LONG", "post text is " + bytes + " bytes; the limit is " + maxPostBytes);
    return post.getContent();
  }

  private static AcceptedEvent.OptionalClaim claim(ByteString content) {
    Claim claim;
    try {
      claim = Claim.parseFrom(content);
    } catch (InvalidProtocolBufferException e) {
      throw new WireException("INVALID_CLAIM", "content is not a Claim message");
    }
    StringBuilder json = new StringBuilder("{");
    for (var field : claim.getClaimFieldsList()) {
      if (json.length() > 1) json.append(',');
      json.append(Json.quote(Long.toUnsignedString(field.getKey()))).append(':').append(Json.quote(field.getValue()));
    }
    return new AcceptedEvent.OptionalClaim(claim.getClaimType(), json.append('}').toString());
  }

  private static String utf8(ByteString value) {
    if (!value.isValidUtf8()) throw new WireException("INVALID_UTF8", "the LWW value is not UTF-8");
    return value.toStringUtf8();
  }

  private static WireException missing(String code, long type) {
    return new WireException(code, "content_type " + type + " needs " + (code.endsWith("SET") ? "an lww_element_set" : "an lww_element"));
  }
}
