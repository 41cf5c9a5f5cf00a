package dev.junction.catalog.product;

import dev.junction.subgraph.common.error.SubgraphException;

/** EAN-13 barcode validation. */
public final class Ean13 {
  private Ean13() {}

  /**
   * Checks that {@code barcode} is a valid EAN-13 code: exactly 13 digits whose last digit is the
   * check digit of the first twelve.
   *
   * @throws SubgraphException {@code BAD_USER_INPUT} saying what is wrong
   */
  public static String requireValid(String barcode) {
    if (barcode == null || barcode.length() != 13) {
      throw SubgraphException.badInput(
          "Invalid EAN-13 barcode: expected 13 digits, got "
              + (barcode == null ? 0 : barcode.length())
              + " characters");
    }
    for (int i = 0; i < 13; i++) {
      if (barcode.charAt(i) < '0' || barcode.charAt(i) > '9') {
        throw SubgraphException.badInput(
            "Invalid EAN-13 barcode: only digits are allowed, found '"
                + barcode.charAt(i)
                + "' at position "
                + (i + 1));
      }
    }
    int expected = checkDigit(barcode.substring(0, 12));
    int actual = barcode.charAt(12) - '0';
    if (expected != actual) {
      throw SubgraphException.badInput(
          "Invalid EAN-13 barcode: check digit is " + actual + " but should be " + expected);
    }
    return barcode;
  }

  /** The check digit of twelve digits (weights 1 and 3 alternating from the left). */
  static int checkDigit(String twelveDigits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int d = twelveDigits.charAt(i) - '0';
      sum += (i % 2 == 0) ? d : d * 3;
    }
    return (10 - sum % 10) % 10;
  }
}
