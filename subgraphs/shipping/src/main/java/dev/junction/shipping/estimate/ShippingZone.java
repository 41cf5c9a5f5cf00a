package dev.junction.shipping.estimate;

import java.math.BigDecimal;

/**
 * Rate zones, seen from the fulfilment hub in the Netherlands. A parcel costs {@code base + perKg ×
 * billable kilograms}; see {@link ShippingRates} for the billable weight.
 *
 * <table>
 *   <caption>Zone rate table (EUR)</caption>
 *   <tr><th>Zone</th><th>Destinations</th><th>Base</th><th>Per kg</th></tr>
 *   <tr><td>DOMESTIC</td><td>NL</td><td>4.95</td><td>0.90</td></tr>
 *   <tr><td>EU</td><td>the 26 other EU member states</td><td>8.95</td><td>2.10</td></tr>
 *   <tr><td>WORLD</td><td>every other ISO 3166-1 alpha-2 country</td><td>21.50</td><td>7.40</td></tr>
 * </table>
 */
public enum ShippingZone {
  DOMESTIC("4.95", "0.90"),
  EU("8.95", "2.10"),
  WORLD("21.50", "7.40");

  private final BigDecimal base;
  private final BigDecimal perKg;

  ShippingZone(String base, String perKg) {
    this.base = new BigDecimal(base);
    this.perKg = new BigDecimal(perKg);
  }

  /** The fixed part of the price in EUR. */
  public BigDecimal base() {
    return base;
  }

  /** The price per billable kilogram in EUR. */
  public BigDecimal perKg() {
    return perKg;
  }
}
