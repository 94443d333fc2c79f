package io.wya.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.client.chat.ChatLine;
import io.wya.client.chat.Conversation;
import io.wya.gateway.protocol.ConvId;
import io.wya.polycentric.SigningKey;
import io.wya.polycentric.SystemKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class TuiRendererTest {
  private static final SystemKey BOB = SigningKey.generate(new SecureRandom()).system();
  private final ConvId room = new ConvId(new byte[32]);

  @Test void framesFillTheTerminalAndShowTheChosenConversationNewestLast() {
    TuiState state = state();
    for (int seq = 1; seq <= 40; seq++) {
      state.line(new ChatLine(room, seq, Optional.of(BOB), 0, "message " + seq, false));
    }
    List<String> lines = text(TuiRenderer.render(state.snapshot(), 80, 24, true));
    assertThat(lines).hasSize(24).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(lines.getFirst()).contains("wya  alice").contains("gateway: live (WebSocket)");
    assertThat(lines.get(21)).contains("bob: message 40");
    assertThat(String.join("\n", lines)).contains("> #tea").contains("Contacts").doesNotContain("message 1\n");
    assertThat(lines.getLast()).startsWith("> ");
  }

  @Test void resizingReflowsAndKeepsTheInputVisible() {
    TuiState state = state();
    state.line(new ChatLine(room, 1, Optional.of(BOB), 0, "a rather long message that has to wrap on a narrow terminal window", false));
    state.type("typing something long enough to scroll the input line sideways");
    TuiRenderer.Frame narrow = TuiRenderer.render(state.snapshot(), 40, 10, false);
    assertThat(text(narrow)).hasSize(10).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
    assertThat(String.join("\n", text(narrow))).contains("|").contains("sideways");
    assertThat(narrow.cursorColumn()).isLessThan(40);
  }

  @Test void contactsShowTheirPresenceOnceKnown() {
    TuiState state = state();
    assertThat(String.join("\n", text(TuiRenderer.render(state.snapshot(), 80, 20, true)))).contains("  bob").doesNotContain("bob (");
    state.presence(io.wya.client.social.Contacts.publicId(BOB), "away: lunch");
    state.contacts(List.of(new TuiState.Contact(io.wya.client.social.Contacts.publicId(BOB), "bob", "·")));
    assertThat(String.join("\n", text(TuiRenderer.render(state.snapshot(), 80, 20, true)))).contains("bob (away: lunch)");
  }

  @Test void scrollingShowsOlderLinesAndTheFeedIsAboveTheConversations() {
    TuiState state = state();
    for (int seq = 1; seq <= 30; seq++) state.line(new ChatLine(room, seq, Optional.of(BOB), 0, "line " + seq, false));
    state.scroll(10);
    assertThat(String.join("\n", text(TuiRenderer.render(state.snapshot(), 80, 20, true)))).contains("line 20").doesNotContain("line 30");
    state.move(-1);
    assertThat(state.feedSelected()).isTrue();
    assertThat(String.join("\n", text(TuiRenderer.render(state.snapshot(), 80, 20, true)))).contains("> Feed").contains("feed is empty");
  }

  private TuiState state() {
    TuiState state = new TuiState("alice");
    state.connection("live (WebSocket)");
    state.name(io.wya.client.social.Contacts.publicId(BOB), "bob");
    state.conversations(List.of(new Conversation(room, "tea", false, Optional.empty(), 0, 0, Conversation.Status.ACTIVE)));
    state.contacts(List.of(new TuiState.Contact(io.wya.client.social.Contacts.publicId(BOB), "bob", "·")));
    return state;
  }

  private static List<String> text(TuiRenderer.Frame frame) {
    List<String> out = new ArrayList<>();
    for (AttributedString line : frame.lines()) out.add(line.toString());
    return out;
  }
}
