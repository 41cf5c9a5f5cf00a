package dev.junction.shipping.estimate;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.subgraph.common.money.Money;
import java.util.Map;

/** The {@code Product} entity and {@code Product.shippingEstimate}; no database access. */
@DgsComponent
public class ProductDataFetcher {

  /**
   * Builds a product from its representation, which must carry the fields {@code shippingEstimate}
   * requires; a missing one gives {@code null} at its index and a {@code BAD_USER_INPUT} error
   * naming the field.
   */
  @DgsEntityFetcher(name = "Product")
  public Product product(Map<String, Object> representation) {
    return ProductRepresentation.parse(representation);
  }

  /** {@code shippingEstimate(destination)}: see {@link ShippingRates}. */
  @DgsData(parentType = "Product", field = "shippingEstimate")
  public Money shippingEstimate(@InputArgument String destination, DgsDataFetchingEnvironment dfe) {
    Product product = dfe.getSource();
    return ShippingRates.estimate(product, destination);
  }
}
