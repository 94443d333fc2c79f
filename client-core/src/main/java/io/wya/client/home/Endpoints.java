package io.wya.client.home;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/// The two servers a client talks to. Each URL is taken from the first of: the command-line flag,
/// the environment (`WYA_SOCIAL_URL`, `WYA_GATEWAY_URL`), the home's `config.properties` (what
/// `init` was given), the defaults — what `./wya up` starts.
public record Endpoints(URI social, URI gateway) {
  public static final String DEFAULT_SOCIAL = "http://127.0.0.1:8081";
  public static final String DEFAULT_GATEWAY = "http://127.0.0.1:8082";
  public static final String SOCIAL_ENV = "WYA_SOCIAL_URL";
  public static final String GATEWAY_ENV = "WYA_GATEWAY_URL";

  public Endpoints {
    social = normalize(social, "social");
    gateway = normalize(gateway, "gateway");
  }

  public static Endpoints resolve(Optional<String> socialFlag, Optional<String> gatewayFlag, Map<String, String> env, Properties config) {
    return new Endpoints(
        URI.create(first(socialFlag, env.get(SOCIAL_ENV), config.getProperty("social_url"), DEFAULT_SOCIAL)),
        URI.create(first(gatewayFlag, env.get(GATEWAY_ENV), config.getProperty("gateway_url"), DEFAULT_GATEWAY)));
  }

  public Properties toConfig() {
    Properties p = new Properties();
    p.setProperty("social_url", social.toString());
    p.setProperty("gateway_url", gateway.toString());
    return p;
  }

  private static String first(Optional<String> flag, String... rest) {
    if (flag.isPresent() && !flag.get().isBlank()) return flag.get().strip();
    for (String value : rest) if (value != null && !value.isBlank()) return value.strip();
    throw new IllegalStateException("a default is always present");
  }

  private static URI normalize(URI uri, String which) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "the " + which + " URL must be http(s)://host[:port][/path], got " + uri);
    }
    String text = uri.toString();
    while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
    return URI.create(text);
  }
}
