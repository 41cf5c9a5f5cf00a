package dev.junction.client.sample;

import dev.junction.client.GraphQLClient;
import dev.junction.client.GraphQLError;
import dev.junction.client.GraphQLResult;
import dev.junction.client.sdk.BrowseProductsQuery;
import dev.junction.client.sdk.ProductByBarcodeQuery;
import dev.junction.client.transport.TransportException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

/**
 * Command-line sample: browses the catalogue and looks a product up by barcode.
 *
 * <p>Usage: {@code SampleApp [endpoint] [pageSize] [barcode]}; defaults to {@code
 * http://localhost:4000/graphql} (the gateway of {@code ./run-local.sh}), 5, and the barcode of the
 * first product listed.
 */
public final class SampleApp {
  private final GraphQLClient client;
  private final PrintStream out;

  /** A sample bound to a client, printing to {@code out}. */
  public SampleApp(GraphQLClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  /** Entry point; exit status 1 on a transport failure. */
  public static void main(String[] args) {
    URI endpoint = URI.create(args.length > 0 ? args[0] : "http://localhost:4000/graphql");
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String barcode = args.length > 2 ? args[2] : null;
    GraphQLClient client =
        GraphQLClient.builder(endpoint)
            .clientIdentity("junction-sample-cli", "0.1.0")
            .callTimeout(Duration.ofSeconds(5))
            .build();
    try {
      new SampleApp(client, System.out).run(pageSize, barcode);
    } catch (TransportException e) {
      System.err.println(
          "gateway call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** Lists one page of products, then looks one up by barcode (the first listed if null). */
  public void run(int pageSize, String barcode) {
    GraphQLResult<BrowseProductsQuery.Data> page =
        client.execute(BrowseProductsQuery.builder().first(pageSize).build());
    printErrors(page);
    String lookup = barcode;
    if (page.data() != null) {
      out.printf("%-10s %-36s %10s %9s%n", "SKU", "NAME", "PRICE", "AVAILABLE");
      for (BrowseProductsQuery.Data.Products.Edge edge : page.data().products().edges()) {
        BrowseProductsQuery.Data.Products.Edge.Node product = edge.node();
        out.printf(
            "%-10s %-36s %6s %-3s %9d%n",
            product.sku(),
            product.name(),
            product.price().amount().toPlainString(),
            product.price().currency(),
            product.stock().available());
      }
      out.println(
          page.data().products().pageInfo().hasNextPage()
              ? "more products after cursor " + page.data().products().pageInfo().endCursor()
              : "no more products");
      if (lookup == null && !page.data().products().edges().isEmpty()) {
        lookup = page.data().products().edges().get(0).node().barcode();
      }
    }
    if (lookup == null) {
      out.println("no barcode to look up");
      return;
    }
    GraphQLResult<ProductByBarcodeQuery.Data> found =
        client.execute(ProductByBarcodeQuery.builder().barcode(lookup).build());
    printErrors(found);
    if (found.data() == null || found.data().productByBarcode() == null) {
      out.println("barcode " + lookup + ": not found");
      return;
    }
    ProductByBarcodeQuery.Data.ProductByBarcode product = found.data().productByBarcode();
    out.printf(
        "barcode %s: %s (%s), %s %s, %d available, %d reserved, %d g, %dx%dx%d mm%n",
        product.barcode(),
        product.name(),
        product.sku(),
        product.price().amount().toPlainString(),
        product.price().currency(),
        product.stock().available(),
        product.stock().reserved(),
        product.weightGrams(),
        product.dimensions().lengthMm(),
        product.dimensions().widthMm(),
        product.dimensions().heightMm());
  }

  private void printErrors(GraphQLResult<?> result) {
    for (GraphQLError error : result.errors()) {
      out.println(
          "error"
              + (error.code() == null ? "" : " [" + error.code() + "]")
              + (error.path().isEmpty() ? "" : " at " + error.path())
              + ": "
              + error.message());
    }
  }
}
