package dev.junction.orders.saga;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The input of {@code placeOrder}, validated. */
public record PlaceOrderCommand(
    String customerId,
    List<Saga.RequestedLine> lines,
    String shippingAddress,
    String paymentMethod) {

  /** A SHA-256 of the canonical payload, to detect an idempotency key reused for other input. */
  public String payloadHash() {
    StringBuilder canonical = new StringBuilder();
    canonical.append(customerId).append('\u0000');
    canonical.append(shippingAddress).append('\u0000');
    canonical.append(paymentMethod).append('\u0000');
    for (Saga.RequestedLine line : lines) {
      canonical.append(line.productId()).append('\u0001').append(line.quantity()).append('\u0000');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
