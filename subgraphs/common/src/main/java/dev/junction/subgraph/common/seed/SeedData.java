package dev.junction.subgraph.common.seed;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic demo data set of the whole graph. Every subgraph seeds its own database with
 * the part it owns, so identifiers agree across services (an order's customer exists in accounts,
 * its products in catalog, and so on). Same code, same data, every run.
 */
public final class SeedData {
  public static final String CURRENCY = "EUR";
  public static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");

  /** A customer (accounts). */
  public record Customer(String id, String email, String name, String tier, Instant createdAt) {}

  /** A product (catalog). Prices in cents; dimensions in millimetres. */
  public record Product(
      String id,
      String sku,
      String name,
      String description,
      long priceCents,
      String barcode,
      int weightGrams,
      int lengthMm,
      int widthMm,
      int heightMm) {}

  /** A warehouse (inventory). */
  public record Warehouse(String id, String name, String city) {}

  /** Stock of one product in one warehouse (inventory). */
  public record Stock(String productId, String warehouseId, int onHand) {}

  /** An order line with the name and price snapshot taken when the order was placed (orders). */
  public record OrderLine(String productId, String productName, int quantity, long unitPriceCents) {
    public long totalCents() {
      return unitPriceCents * quantity;
    }
  }

  /** An order (orders). */
  public record Order(
      String id, String customerId, String status, Instant placedAt, List<OrderLine> lines) {
    public long totalCents() {
      return lines.stream().mapToLong(OrderLine::totalCents).sum();
    }
  }

  /** A payment for an order (payments). */
  public record Payment(
      String id, String orderId, long amountCents, String status, String providerReference) {}

  /** A shipment for an order (shipping). */
  public record Shipment(
      String id, String orderId, String status, String carrier, String trackingNumber) {}

  /** A loyalty ledger entry (accounts). Reason is the idempotency key of the credit. */
  public record LoyaltyEntry(String customerId, int points, String reason, Instant at) {}

  private static final String[] FIRST = {
    "Ada", "Brian", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kemal", "Lena", "Marta", "Noah", "Olga", "Pieter", "Quinn", "Rosa", "Sven", "Tariq"
  };
  private static final String[] LAST = {
    "Lovelace", "Kernighan", "Martin", "Berg", "Watson", "Haddad", "Hopper", "Tanaka", "Silva",
    "Becker", "Yilmaz", "Novak", "Costa", "Jansen", "Ivanova", "de Vries", "Murphy", "Rossi",
    "Lund", "Aziz"
  };
  private static final String[] TIERS = {"BRONZE", "SILVER", "GOLD", "PLATINUM"};

  private static final String[][] PRODUCTS = {
    {"Trail Running Shoe", "Lightweight shoe with a rock plate for rough trails."},
    {"Merino Wool Socks", "Three pairs of cushioned merino hiking socks."},
    {"Insulated Water Bottle", "750 ml steel bottle that keeps drinks cold for 24 hours."},
    {"Camping Stove", "Compact gas stove with piezo ignition."},
    {"Two-Person Tent", "Freestanding tent, 1.9 kg, with two vestibules."},
    {"Down Sleeping Bag", "Rated to -5 °C, packs to the size of a loaf."},
    {"Headlamp 400", "400-lumen rechargeable headlamp with red light."},
    {"Trekking Poles", "Pair of foldable carbon trekking poles."},
    {"Rain Jacket", "Three-layer waterproof shell with pit zips."},
    {"Fleece Midlayer", "Grid fleece for cold mornings."},
    {"Daypack 22L", "Ventilated daypack with hip belt pockets."},
    {"Backpack 55L", "Load-carrying pack with adjustable back length."},
    {"Sleeping Pad", "Inflatable pad, R-value 4.2."},
    {"Camp Chair", "Folding chair that weighs under a kilo."},
    {"Water Filter", "Squeeze filter, 0.1 micron hollow fibre."},
    {"Cook Pot Set", "Titanium pot and pan, nesting."},
    {"Spork Titanium", "One utensil to rule them all."},
    {"First Aid Kit", "Compact kit for two people, three days."},
    {"Map Case", "Waterproof case for A4 maps."},
    {"Compass Pro", "Baseplate compass with declination adjustment."},
    {"Gaiters", "Breathable gaiters against mud and snow."},
    {"Sun Hat", "Wide-brim hat, UPF 50."},
    {"Buff Neck Gaiter", "Multifunctional tube scarf."},
    {"Hiking Boot", "Leather boot with a waterproof membrane."},
    {"Camp Lantern", "Collapsible LED lantern with USB charging."},
    {"Power Bank 10k", "10,000 mAh power bank, 190 g."},
    {"Solar Panel 21W", "Foldable solar charger for the trail."},
    {"Dry Bag 10L", "Roll-top dry bag."},
    {"Bivy Sack", "Emergency bivy, reflective interior."},
    {"Ice Axe", "Classic walking axe, 60 cm."},
    {"Crampons", "Steel crampons for general mountaineering."},
    {"Climbing Helmet", "Light foam helmet."},
    {"Harness", "Adjustable alpine harness."},
    {"Carabiner Set", "Five locking carabiners."},
    {"Rope 60m", "Dynamic single rope, 9.5 mm."},
    {"Chalk Bag", "Chalk bag with brush holder."},
    {"Bouldering Pad", "Crash pad with taco fold."},
    {"Kayak Paddle", "Four-piece fibreglass paddle."},
    {"Life Vest", "Buoyancy aid for touring."},
    {"Snorkel Set", "Mask, snorkel and fins."},
    {"Cycling Gloves", "Padded fingerless gloves."},
    {"Bike Light Set", "Front and rear USB lights."},
    {"Bike Lock", "Folding lock, security level 10."},
    {"Saddle Bag", "Seat pack, 1.5 litres."},
    {"Multi-tool", "18 functions including chain breaker."},
    {"Energy Bars", "Box of twelve oat and date bars."},
    {"Freeze-Dried Meal", "Two servings of chili sin carne."},
    {"Insect Repellent", "Icaridin spray, 100 ml."},
    {"Sunscreen SPF50", "Water-resistant sunscreen, 100 ml."},
    {"Travel Towel", "Microfibre towel, large."}
  };

  private static final String[] ORDER_STATUS = {
    "DELIVERED", "SHIPPED", "CONFIRMED", "DELIVERED", "CANCELLED", "DELIVERED", "SHIPPED"
  };
  private static final String[] CARRIERS = {"DHL", "PostNL", "UPS"};

  private SeedData() {}

  public static List<Customer> customers() {
    List<Customer> out = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      String first = FIRST[i - 1];
      String last = LAST[i - 1];
      String email = (first + "." + last).toLowerCase().replace(" ", "") + "@example.com";
      out.add(
          new Customer(
              customerId(i),
              email,
              first + " " + last,
              TIERS[(i * 7) % TIERS.length],
              EPOCH.minus(400 - i * 11L, ChronoUnit.DAYS)));
    }
    return List.copyOf(out);
  }

  public static List<Product> products() {
    List<Product> out = new ArrayList<>();
    for (int i = 1; i <= PRODUCTS.length; i++) {
      long priceCents = 499 + ((i * 3719L) % 24000) / 100 * 100 + (i % 2 == 0 ? 0 : 50);
      out.add(
          new Product(
              productId(i),
              String.format("JX-%05d", 10000 + i * 37),
              PRODUCTS[i - 1][0],
              PRODUCTS[i - 1][1],
              priceCents,
              ean13(String.format("400638%06d", 130000 + i)),
              80 + (i * 173) % 2400,
              100 + (i * 37) % 500,
              60 + (i * 53) % 300,
              20 + (i * 29) % 250));
    }
    return List.copyOf(out);
  }

  public static List<Warehouse> warehouses() {
    return List.of(
        new Warehouse("wh-ams", "Amsterdam Central", "Amsterdam"),
        new Warehouse("wh-ber", "Berlin Süd", "Berlin"),
        new Warehouse("wh-lyo", "Lyon Est", "Lyon"));
  }

  /** On-hand stock; products 7, 19 and 42 are sold out everywhere. */
  public static List<Stock> stock() {
    List<Stock> out = new ArrayList<>();
    List<Warehouse> warehouses = warehouses();
    for (int i = 1; i <= PRODUCTS.length; i++) {
      for (int w = 0; w < warehouses.size(); w++) {
        int onHand = (i == 7 || i == 19 || i == 42) ? 0 : (i * 13 + w * 29) % 60 + 5;
        out.add(new Stock(productId(i), warehouses.get(w).id(), onHand));
      }
    }
    return List.copyOf(out);
  }

  public static List<Order> orders() {
    List<Product> products = products();
    List<Order> out = new ArrayList<>();
    for (int k = 1; k <= 30; k++) {
      int lineCount = 1 + k % 3;
      List<OrderLine> lines = new ArrayList<>();
      for (int l = 0; l < lineCount; l++) {
        Product p = products.get((k * 7 + l * 11) % products.size());
        lines.add(new OrderLine(p.id(), p.name(), 1 + (k + l) % 3, p.priceCents()));
      }
      out.add(
          new Order(
              orderId(k),
              customerId(1 + (k * 3) % 20),
              ORDER_STATUS[k % ORDER_STATUS.length],
              EPOCH.plus(k * 31L, ChronoUnit.HOURS),
              List.copyOf(lines)));
    }
    return List.copyOf(out);
  }

  /** One payment per order: captured, or refunded for cancelled orders. */
  public static List<Payment> payments() {
    List<Payment> out = new ArrayList<>();
    for (Order o : orders()) {
      int k = Integer.parseInt(o.id().substring(4));
      out.add(
          new Payment(
              String.format("pay-%04d", k),
              o.id(),
              o.totalCents(),
              o.status().equals("CANCELLED") ? "REFUNDED" : "CAPTURED",
              String.format("psp_%08x", 0x5eed0000 + k * 7919)));
    }
    return List.copyOf(out);
  }

  /** Shipments of the orders that have shipped or been delivered. */
  public static List<Shipment> shipments() {
    List<Shipment> out = new ArrayList<>();
    for (Order o : orders()) {
      if (!o.status().equals("SHIPPED") && !o.status().equals("DELIVERED")) {
        continue;
      }
      int k = Integer.parseInt(o.id().substring(4));
      String carrier = CARRIERS[k % CARRIERS.length];
      out.add(
          new Shipment(
              String.format("shp-%04d", k),
              o.id(),
              o.status().equals("DELIVERED") ? "DELIVERED" : "IN_TRANSIT",
              carrier,
              String.format(
                  "%s%010d", carrier.substring(0, 2).toUpperCase(), 3000000000L + k * 104729L)));
    }
    return List.copyOf(out);
  }

  /** Loyalty points: one point per whole euro of every order that was not cancelled. */
  public static List<LoyaltyEntry> loyaltyEntries() {
    List<LoyaltyEntry> out = new ArrayList<>();
    for (Order o : orders()) {
      if (o.status().equals("CANCELLED")) {
        continue;
      }
      out.add(
          new LoyaltyEntry(
              o.customerId(),
              (int) (o.totalCents() / 100),
              "order " + o.id(),
              o.placedAt().plus(1, ChronoUnit.HOURS)));
    }
    return List.copyOf(out);
  }

  public static String customerId(int i) {
    return String.format("cust-%03d", i);
  }

  public static String productId(int i) {
    return String.format("prod-%03d", i);
  }

  public static String orderId(int k) {
    return String.format("ord-%04d", k);
  }

  /** Appends the EAN-13 check digit to twelve digits. */
  public static String ean13(String twelveDigits) {
    if (twelveDigits.length() != 12 || !twelveDigits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("need 12 digits: " + twelveDigits);
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int d = twelveDigits.charAt(i) - '0';
      sum += (i % 2 == 0) ? d : d * 3;
    }
    return twelveDigits + ((10 - sum % 10) % 10);
  }
}
