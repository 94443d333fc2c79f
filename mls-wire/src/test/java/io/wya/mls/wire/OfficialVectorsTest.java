package io.wya.mls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// PARSE-3: the parser agrees with the official RFC 9420 vectors. Every structure is re-encoded
/// from the parsed records and must equal the vector bytes; headers are cross-checked against
/// BouncyCastle's decoder (allowed here: these bytes are trusted test data).
class OfficialVectorsTest {
  private static final Map<String, Integer> PROPOSAL_BODIES = Map.of(
      "add_proposal", 1, "update_proposal", 2, "remove_proposal", 3, "pre_shared_key_proposal", 4,
      "re_init_proposal", 5, "external_init_proposal", 6, "group_context_extensions_proposal", 7);

  @Test
  @DisplayName("PARSE-3 every message of messages.json parses and re-encodes byte for byte")
  void messagesVectorsRoundTrip() throws Exception {
    JsonNode cases = Vectors.load("messages.json");
    assertThat(cases.size()).isEqualTo(300);
    int checked = 0;
    for (JsonNode c : cases) {
      for (String field : new String[] {"mls_welcome", "mls_group_info", "mls_key_package", "public_message_application",
          "public_message_proposal", "public_message_commit", "private_message"}) {
        byte[] bytes = Vectors.hex(c.get(field));
        MlsMessage parsed = MlsWire.parseMessage(bytes);
        assertThat(TestEncoder.message(parsed)).as(field).isEqualTo(bytes);
        MLSMessage bc = (MLSMessage) MLSInputStream.decode(bytes, MLSMessage.class);
        assertThat("mls_" + parsed.wireFormat().name().toLowerCase()).isEqualTo(bc.wireFormat.name());
        switch (parsed) {
          case PublicMessage p -> {
            assertThat(p.epoch()).isEqualTo(bc.getEpoch());
            assertThat(p.contentType().name()).isEqualToIgnoringCase(bc.getContentType().name());
          }
          case PrivateMessage p -> {
            assertThat(p.epoch()).isEqualTo(bc.getEpoch());
            assertThat(p.contentType().name()).isEqualToIgnoringCase(bc.getContentType().name());
          }
          case Welcome w -> assertThat(w.cipherSuite()).isEqualTo(bc.getCipherSuite().getSuiteID());
          case GroupInfo g -> assertThat(bc.groupInfo).isNotNull(); // BC exposes no GroupInfo epoch; the round trip covers it
          case KeyPackage kp -> assertThat(kp.cipherSuite()).isEqualTo(bc.getCipherSuite().getSuiteID());
        }
        checked++;
      }
      for (Map.Entry<String, Integer> body : PROPOSAL_BODIES.entrySet()) {
        byte[] bytes = Vectors.hex(c.get(body.getKey()));
        Proposal p = MlsWire.parseProposalBody(body.getValue(), bytes, MlsLimits.DEFAULT);
        TlsWriter w = new TlsWriter();
        TestEncoder.proposalBody(w, p);
        assertThat(w.bytes()).as(body.getKey()).isEqualTo(bytes);
        checked++;
      }
      byte[] commit = Vectors.hex(c.get("commit"));
      TlsWriter w = new TlsWriter();
      TestEncoder.commit(w, MlsWire.parseCommit(commit, MlsLimits.DEFAULT));
      assertThat(w.bytes()).isEqualTo(commit);
      checked++;
    }
    assertThat(checked).isEqualTo(300 * 15);
  }

  @Test
  @DisplayName("PARSE-3 message-protection vectors: group_id, epoch and content type of protected messages")
  void messageProtectionHeaders() throws Exception {
    JsonNode cases = Vectors.load("message-protection.json");
    for (JsonNode c : cases) {
      byte[] groupId = Vectors.hex(c.get("group_id"));
      long epoch = c.get("epoch").asLong();
      check(c, "proposal_pub", groupId, epoch, ContentType.PROPOSAL);
      check(c, "commit_pub", groupId, epoch, ContentType.COMMIT);
      check(c, "proposal_priv", groupId, epoch, ContentType.PROPOSAL);
      check(c, "commit_priv", groupId, epoch, ContentType.COMMIT);
      check(c, "application_priv", groupId, epoch, ContentType.APPLICATION);

      PublicMessage proposal = (PublicMessage) MlsWire.parseMessage(Vectors.hex(c.get("proposal_pub")));
      TlsWriter p = new TlsWriter();
      TestEncoder.proposal(p, (Proposal) proposal.content().body());
      assertThat(p.bytes()).isEqualTo(Vectors.hex(c.get("proposal")));
      PublicMessage commit = (PublicMessage) MlsWire.parseMessage(Vectors.hex(c.get("commit_pub")));
      TlsWriter cw = new TlsWriter();
      TestEncoder.commit(cw, (Commit) commit.content().body());
      assertThat(cw.bytes()).isEqualTo(Vectors.hex(c.get("commit")));
      assertThat(commit.confirmationTag()).isPresent();
      assertThat(commit.sender()).isInstanceOf(Sender.Member.class);
      assertThat(commit.membershipTag()).isPresent();
    }
  }

  private static void check(JsonNode c, String field, byte[] groupId, long epoch, ContentType type) throws MlsWireException {
    MlsMessage m = MlsWire.parseMessage(Vectors.hex(c.get(field)));
    switch (m) {
      case PublicMessage p -> {
        assertThat(p.groupId()).as(field).isEqualTo(groupId);
        assertThat(p.epoch()).isEqualTo(epoch);
        assertThat(p.contentType()).isEqualTo(type);
      }
      case PrivateMessage p -> {
        assertThat(p.groupId()).as(field).isEqualTo(groupId);
        assertThat(p.epoch()).isEqualTo(epoch);
        assertThat(p.contentType()).isEqualTo(type);
      }
      default -> throw new AssertionError(field + " parsed as " + m.wireFormat());
    }
  }
}
