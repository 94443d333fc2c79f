package io.wya.mls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// ProposalRefs computed from PublicMessage proposals must be exactly the refs that the official
/// passive-client Commits use: that is what lets the gateway resolve proposals by reference.
class ProposalRefVectorsTest {
  @Test
  @DisplayName("PARSE-3 ProposalRefs of public proposals match the references in passive-client commits")
  void proposalRefsMatchCommitReferences() throws Exception {
    int matched = 0;
    for (JsonNode c : Vectors.load("passive-client-handling-commit.json")) {
      CipherSuite suite = CipherSuite.of(c.get("cipher_suite").asInt());
      for (JsonNode epoch : c.get("epochs")) {
        MlsMessage commitMessage = MlsWire.parseMessage(Vectors.hex(epoch.get("commit")));
        if (!(commitMessage instanceof PublicMessage commit)) continue;
        Set<String> refs = new HashSet<>();
        boolean allPublic = true;
        for (JsonNode p : epoch.get("proposals")) {
          MlsMessage proposal = MlsWire.parseMessage(Vectors.hex(p));
          if (proposal instanceof PublicMessage pm) refs.add(HexFormat.of().formatHex(MlsCrypto.proposalRef(suite, pm)));
          else allPublic = false;
        }
        if (!allPublic) continue;
        for (Commit.ProposalOrRef por : ((Commit) commit.content().body()).proposals()) {
          if (por instanceof Commit.ProposalOrRef.ByReference ref) {
            assertThat(refs).contains(HexFormat.of().formatHex(ref.ref()));
            matched++;
          }
        }
      }
    }
    assertThat(matched).isGreaterThan(10);
  }
}
