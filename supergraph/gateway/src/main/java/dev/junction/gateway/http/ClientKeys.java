package dev.junction.gateway.http;

import dev.junction.gateway.Identity;
import dev.junction.gateway.config.IpRange;
import dev.junction.gateway.config.RateLimitConfig;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The rate limit key of a request ({@link RateLimitConfig}): {@code name:} its client name header,
 * {@code claim:} a claim of its verified token, else {@code ip:} its client IP. The IP is the peer
 * address, unless that peer is a trusted proxy: then {@code X-Forwarded-For} is read from the
 * right, skipping trusted proxies, and the first other address is the client (a list of only
 * trusted proxies gives its leftmost; an entry that is not an IP literal stops the walk at the
 * address before it), so a client cannot choose its own IP by sending the header itself.
 */
final class ClientKeys {
  /** Longest client name or claim value kept in a key. */
  static final int MAX_KEY_CHARS = 256;

  private final RateLimitConfig config;

  ClientKeys(RateLimitConfig config) {
    this.config = config;
  }

  /** Whether the key needs the request's verified identity (so limits apply after 401s). */
  boolean afterAuthentication() {
    return config.key() == RateLimitConfig.Key.CLAIM;
  }

  /** The key of a request, with {@link Identity#ANONYMOUS} before authentication. */
  String key(HttpHeaders headers, InetSocketAddress peer, Identity identity) {
    if (config.key() == RateLimitConfig.Key.CLIENT_NAME) {
      String name = headers.get(config.clientNameHeader());
      if (name != null && !name.isBlank()) {
        return "name:" + cut(name);
      }
    } else if (config.key() == RateLimitConfig.Key.CLAIM && identity.authenticated()) {
      Object value = identity.claim(config.claim());
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        String text = String.valueOf(value);
        if (!text.isBlank()) {
          return "claim:" + cut(text);
        }
      }
    }
    return "ip:" + clientIp(headers, peer);
  }

  /** The client's IP as text: the peer, or the forwarded client behind trusted proxies. */
  String clientIp(HttpHeaders headers, InetSocketAddress peer) {
    if (peer == null) {
      return "unknown";
    }
    InetAddress address = peer.getAddress();
    if (address == null) {
      return peer.getHostString();
    }
    byte[] current = address.getAddress();
    if (!trusted(current)) {
      return address.getHostAddress();
    }
    List<String> forwarded = headers.getAll("x-forwarded-for");
    String[] hops = String.join(",", forwarded).split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      byte[] hop = IpRange.address(bare(hops[i].trim()));
      if (hop == null) {
        break;
      }
      current = hop;
      if (!trusted(hop)) {
        break;
      }
    }
    try {
      return InetAddress.getByAddress(current).getHostAddress();
    } catch (UnknownHostException e) {
      return address.getHostAddress();
    }
  }

  private boolean trusted(byte[] address) {
    for (IpRange range : config.trustedProxies()) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An address without the brackets and port some proxies add ({@code [::1]:80}, {@code a:80}). */
  private static String bare(String hop) {
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      return close < 0 ? hop : hop.substring(1, close);
    }
    int colon = hop.indexOf(':');
    if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0) {
      return hop.substring(0, colon);
    }
    return hop;
  }

  private static String cut(String s) {
    return s.length() > MAX_KEY_CHARS ? s.substring(0, MAX_KEY_CHARS) : s;
  }
}
