package org.vitalake.identity.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves the client address from the TCP peer, and from {@code X-Forwarded-For} only when the
 * peer is a configured trusted proxy: otherwise any caller could pick its own address and so dodge
 * the login throttle, lock out someone else's address, or falsify the audit trail.
 */
@Singleton
@Replaces(HttpClientAddressResolver.class)
public class TrustedProxyAddressResolver implements HttpClientAddressResolver {

  static final String FORWARDED_FOR = "X-Forwarded-For";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Set<String> trustedProxies;

  public TrustedProxyAddressResolver(
      @Value("${vitalake.identity.trusted-proxies:}") @Nullable String trustedProxies) {
    this.trustedProxies = parseTrustedProxies(trustedProxies);
  }

  /** Parses a comma-separated list of IP addresses; host names are refused (no DNS lookups). */
  static Set<String> parseTrustedProxies(@Nullable String list) {
    Set<String> addresses = new LinkedHashSet<>();
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    for (String entry : list.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      addresses.add(
          parseAddress(trimmed)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "VITALAKE_TRUSTED_PROXIES entry '"
                              + trimmed
                              + "' is not an IPv4 or IPv6 address")));
    }
    return Set.copyOf(addresses);
  }

  @Override
  @Nullable
  public String resolve(@NonNull HttpRequest request) {
    String peer = peerAddress(request);
    if (peer == null || !trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : request.getHeaders().getAll(FORWARDED_FOR)) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    // Walk back from the hop the trusted proxy itself appended; earlier hops are client-supplied.
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<String> hop = parseAddress(hops.get(i));
      if (hop.isEmpty()) {
        return peer;
      }
      if (!trustedProxies.contains(hop.get())) {
        return hop.get();
      }
    }
    return peer;
  }

  @Nullable
  private static String peerAddress(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return null;
    }
    InetAddress address = remote.getAddress();
    return address != null ? address.getHostAddress() : remote.getHostString();
  }

  /** The canonical text of an IP literal, or empty for anything else (never a DNS lookup). */
  private static Optional<String> parseAddress(String text) {
    String literal =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean ipv4 = IPV4.matcher(literal).matches();
    if (!ipv4 && !literal.contains(":")) {
      return Optional.empty();
    }
    // An out-of-range octet would make InetAddress treat the text as a host name and resolve it.
    if (ipv4 && Stream.of(literal.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
      return Optional.empty();
    }
    if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal).getHostAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
