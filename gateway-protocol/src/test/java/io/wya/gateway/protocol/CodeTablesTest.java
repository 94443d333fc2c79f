package io.wya.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/// The Java tables, the protobuf enums and the tables in GATEWAY_SPEC.md must agree, so clients
/// written from any of the three see the same codes.
class CodeTablesTest {
  @Test
  void errorCodesMatchTheProtobufEnum() {
    for (ErrorCode c : ErrorCode.values()) {
      io.wya.gateway.protocol.proto.ErrorCode p = io.wya.gateway.protocol.proto.ErrorCode.forNumber(c.code());
      assertThat(p).as(c.name()).isNotNull();
      assertThat(p.name()).isEqualTo(c.name());
    }
    long protoCodes = Arrays.stream(io.wya.gateway.protocol.proto.ErrorCode.values())
        .filter(p -> p != io.wya.gateway.protocol.proto.ErrorCode.UNRECOGNIZED && p.getNumber() != 0).count();
    assertThat(protoCodes).isEqualTo(ErrorCode.values().length);
  }

  @Test
  void entryKindsAndRejectionsMatchTheProtobufEnums() {
    for (EntryKind k : EntryKind.values()) {
      assertThat(io.wya.gateway.protocol.proto.EntryKind.forNumber(k.code()).name()).isEqualTo(k.name());
    }
    for (KeyPackageRejection r : KeyPackageRejection.values()) {
      assertThat(io.wya.gateway.protocol.proto.KeyPackageRejection.forNumber(r.code()).name()).isEqualTo(r.name());
    }
  }

  @Test
  void errorTableInTheSpecMatches() throws IOException {
    Map<Integer, String[]> rows = specRows("\\| (\\d{3}) \\| ([A-Z_]+) \\| ([^|]+) \\|[^|]*\\| ([^|]+) \\|");
    assertThat(rows).hasSize(ErrorCode.values().length);
    for (ErrorCode c : ErrorCode.values()) {
      String[] row = rows.get(c.code());
      assertThat(row).as("spec row for " + c).isNotNull();
      assertThat(row[0]).isEqualTo(c.name());
      assertThat(row[1].trim().startsWith("yes")).as(c + " retryable").isEqualTo(c.retryable());
      String closes = row[2].trim();
      if (c.closes() == null) assertThat(closes).as(c + " closes").isEqualTo("—");
      else assertThat(closes).as(c + " closes").startsWith(Integer.toString(c.closes().code()));
    }
  }

  @Test
  void closeTableInTheSpecMatches() throws IOException {
    Map<Integer, String[]> rows = specRows("\\| (\\d{4}) \\| ([A-Z_]+) \\| ([^|]+) \\|");
    assertThat(rows).hasSize(CloseCode.values().length);
    for (CloseCode c : CloseCode.values()) {
      assertThat(rows.get(c.code())).as(c.name()).isNotNull();
      assertThat(rows.get(c.code())[0]).isEqualTo(c.name());
    }
  }

  private static Map<Integer, String[]> specRows(String regex) throws IOException {
    Path spec = Path.of(System.getProperty("wya.repo.root", ".."), "GATEWAY_SPEC.md");
    Map<Integer, String[]> rows = new LinkedHashMap<>();
    Matcher m = Pattern.compile(regex).matcher(Files.readString(spec));
    while (m.find()) {
      String[] groups = new String[m.groupCount() - 1];
      for (int i = 2; i <= m.groupCount(); i++) groups[i - 2] = m.group(i);
      rows.put(Integer.parseInt(m.group(1)), groups);
    }
    return rows;
  }
}
