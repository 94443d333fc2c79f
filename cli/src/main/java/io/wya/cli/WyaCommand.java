package io.wya.cli;

import io.wya.cli.chat.ChatCommand;
import io.wya.cli.chat.DmCommand;
import io.wya.cli.chat.InviteCommand;
import io.wya.cli.chat.ListenCommand;
import io.wya.cli.chat.ReadCommand;
import io.wya.cli.chat.SendCommand;
import io.wya.cli.social.ContactsCommand;
import io.wya.cli.social.FeedCommand;
import io.wya.cli.social.FollowCommands;
import io.wya.cli.social.LikeCommand;
import io.wya.cli.social.PostCommand;
import io.wya.cli.social.ProfileCommand;
import io.wya.cli.social.ReplyCommand;
import io.wya.cli.social.SyncCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/// `wya`: the root command. Without a subcommand it prints the help.
@Command(name = "wya", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "WYA: Polycentric social and end-to-end encrypted chat from the terminal.",
    subcommands = {
        InitCommand.class, WhoamiCommand.class, PassphraseCommand.class,
        ProfileCommand.class, PostCommand.class, ReplyCommand.class, LikeCommand.class,
        FollowCommands.Follow.class, FollowCommands.Unfollow.class, FollowCommands.Block.class, FollowCommands.Unblock.class,
        FeedCommand.class, SyncCommand.class, ContactsCommand.class,
        ChatCommand.class, DmCommand.class, InviteCommand.class, SendCommand.class, ReadCommand.class, ListenCommand.class,
        io.wya.cli.presence.PresenceCommand.class, io.wya.cli.tui.TuiCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  WYA_CLIENT_HOME   home directory (default ~/.wya; --home wins)",
        "  WYA_SOCIAL_URL    social node URL (--social-url wins)",
        "  WYA_GATEWAY_URL   realtime gateway URL (--gateway-url wins)",
        "  WYA_PASSPHRASE    the vault passphrase (otherwise asked on the terminal)",
        "  WYA_GATEWAY_TRANSPORT  auto (WebSocket, else SSE; default), websocket or sse",
        "",
        "Exit codes:",
        "%s"})
public final class WyaCommand implements Runnable {
  @Mixin final GlobalOptions options;
  @Spec CommandSpec spec;

  public WyaCommand(Cli cli) { this.options = cli.options; }

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
