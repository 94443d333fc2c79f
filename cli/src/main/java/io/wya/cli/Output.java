package io.wya.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/// Where a command's result goes: people get text on stdout, scripts (`--json`) get one JSON
/// object per result on stdout (one per line for streams such as `listen`). Errors go to stderr
/// as text, and with `--json` also to stdout as `{"error": NAME, "message": …}`.
public final class Output {
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;

  public Output(PrintStream out, PrintStream err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  public boolean json() { return json; }

  /// Prints `text` for people or `object` for scripts.
  public void result(String text, Map<String, ?> object) {
    if (json) {
      out.println(toJson(object));
    } else if (!text.isEmpty()) {
      out.println(text);
    }
    out.flush();
  }

  /// A note for people (stderr), never part of the JSON.
  public void note(String text) {
    err.println(text);
    err.flush();
  }

  public void error(String name, String message) {
    err.println("wya: " + message);
    err.flush();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("error", name);
      o.put("message", message);
      out.println(toJson(o));
      out.flush();
    }
  }

  public PrintStream out() { return out; }

  public PrintStream err() { return err; }

  static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serializable as JSON: " + e.getMessage(), e);
    }
  }
}
