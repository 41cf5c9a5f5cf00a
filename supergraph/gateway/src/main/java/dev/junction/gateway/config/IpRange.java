package dev.junction.gateway.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IP address or CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}),
 * parsed from a literal only (never a DNS lookup).
 *
 * @param network the block's address bytes (4 or 16), host bits cleared
 * @param prefixLength how many leading bits an address must share with {@code network}
 */
public record IpRange(byte[] network, int prefixLength) {
  public IpRange {
    network = network.clone();
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix length " + prefixLength);
    }
    for (int bit = prefixLength; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
  }

  /**
   * Parses {@code address} or {@code address/prefix}.
   *
   * @throws IllegalArgumentException when it is not an IP literal with a prefix that fits it
   */
  public static IpRange parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    byte[] address = address(slash < 0 ? s : s.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not an IP address or CIDR block: '" + s + "'");
    }
    int prefix = address.length * 8;
    if (slash >= 0) {
      String bits = s.substring(slash + 1);
      if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > prefix) {
        throw new IllegalArgumentException(
            "prefix length must be 0 to " + prefix + " in '" + s + "'");
      }
      prefix = Integer.parseInt(bits);
    }
    return new IpRange(address, prefix);
  }

  /**
   * The bytes of an IP literal (4 for IPv4, also for an IPv4-mapped IPv6 address; 16 for IPv6), or
   * null when {@code text} is not one.
   */
  public static byte[] address(String text) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Whether {@code address} (4 or 16 bytes) is in this block; a different family never is. */
  public boolean contains(byte[] address) {
    if (address == null || address.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange r
        && prefixLength == r.prefixLength
        && Arrays.equals(network, r.network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      return Arrays.toString(network) + "/" + prefixLength;
    }
  }
}
