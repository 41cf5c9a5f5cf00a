package dev.junction.shipping.estimate;

import dev.junction.subgraph.common.error.SubgraphException;
import java.util.Locale;
import java.util.Set;

/**
 * Destination countries: ISO 3166-1 alpha-2 codes (two upper-case letters, officially assigned, as
 * listed by {@link Locale#getISOCountries(Locale.IsoCountryCode)}) and the {@link ShippingZone} of
 * each.
 */
public final class Destinations {
  /** The country the parcels ship from. */
  public static final String DOMESTIC = "NL";

  /** The other member states of the European Union. */
  static final Set<String> EU =
      Set.of(
          "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
          "IT", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK");

  private static final Set<String> ASSIGNED =
      Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

  private Destinations() {}

  /**
   * The zone of a destination.
   *
   * @throws SubgraphException {@code BAD_USER_INPUT} if {@code code} is not an assigned ISO 3166-1
   *     alpha-2 code in upper case
   */
  public static ShippingZone zoneOf(String code) {
    if (code == null || !code.matches("[A-Z]{2}") || !ASSIGNED.contains(code)) {
      throw SubgraphException.badInput(
          "Unknown destination \""
              + code
              + "\": expected an ISO 3166-1 alpha-2 country code in upper case, e.g. NL, DE or US");
    }
    if (code.equals(DOMESTIC)) {
      return ShippingZone.DOMESTIC;
    }
    return EU.contains(code) ? ShippingZone.EU : ShippingZone.WORLD;
  }
}
