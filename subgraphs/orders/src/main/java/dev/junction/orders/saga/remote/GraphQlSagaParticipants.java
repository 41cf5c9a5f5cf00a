package dev.junction.orders.saga.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.orders.saga.RemoteCallException;
import dev.junction.orders.saga.Saga;
import dev.junction.orders.saga.SagaParticipants;
import dev.junction.orders.saga.SagaProperties;
import dev.junction.subgraph.common.trust.CallerCredentials;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The saga participants over GraphQL: the internal ({@code @inaccessible}) mutations of accounts,
 * inventory, payments and shipping, and the catalog's {@code product} query, called on each
 * subgraph directly. Time-outs and retries are applied by the orchestrator around every call.
 */
public class GraphQlSagaParticipants implements SagaParticipants {
  private final SubgraphClient accounts;
  private final SubgraphClient catalog;
  private final SubgraphClient inventory;
  private final SubgraphClient payments;
  private final SubgraphClient shipping;

  public GraphQlSagaParticipants(SagaProperties props) {
    this(props, null);
  }

  /**
   * @param credentials the caller tokens of the orders service; null sends none
   */
  public GraphQlSagaParticipants(SagaProperties props, CallerCredentials credentials) {
    this.accounts = new SubgraphClient("accounts", props.url("accounts", 4001), credentials);
    this.catalog = new SubgraphClient("catalog", props.url("catalog", 4002), credentials);
    this.inventory = new SubgraphClient("inventory", props.url("inventory", 4003), credentials);
    this.payments = new SubgraphClient("payments", props.url("payments", 4005), credentials);
    this.shipping = new SubgraphClient("shipping", props.url("shipping", 4006), credentials);
  }

  @Override
  public Mono<Void> checkCustomer(String customerId) {
    return accounts
        .execute("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", customerId))
        .flatMap(
            data ->
                data.path("customer").isObject()
                    ? Mono.<Void>empty()
                    : Mono.error(
                        RemoteCallException.permanent(
                            "NOT_FOUND", "No customer with id " + customerId)));
  }

  @Override
  public Mono<List<PricedProduct>> prices(List<String> productIds) {
    StringBuilder params = new StringBuilder();
    StringBuilder fields = new StringBuilder();
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < productIds.size(); i++) {
      params.append(i == 0 ? "" : ", ").append("$p").append(i).append(": ID!");
      fields
          .append(" p")
          .append(i)
          .append(": product(id: $p")
          .append(i)
          .append(") { id name price { amount currency } }");
      variables.put("p" + i, productIds.get(i));
    }
    String query = "query(" + params + ") {" + fields + " }";
    return catalog
        .execute(query, variables)
        .map(
            data -> {
              List<PricedProduct> out = new ArrayList<>();
              for (int i = 0; i < productIds.size(); i++) {
                JsonNode p = data.path("p" + i);
                if (!p.isObject()) {
                  throw RemoteCallException.permanent(
                      "NOT_FOUND", "No product with id " + productIds.get(i));
                }
                BigDecimal amount = new BigDecimal(p.path("price").path("amount").asText());
                out.add(
                    new PricedProduct(
                        p.path("id").asText(),
                        p.path("name").asText(),
                        amount.movePointRight(2).longValueExact(),
                        p.path("price").path("currency").asText()));
              }
              return out;
            });
  }

  @Override
  public Mono<Void> reserveStock(String orderId, List<Saga.RequestedLine> lines) {
    List<Map<String, Object>> input =
        lines.stream()
            .map(l -> Map.<String, Object>of("productId", l.productId(), "quantity", l.quantity()))
            .toList();
    return inventory
        .execute(
            "mutation($orderId: ID!, $lines: [StockLineInput!]!) {"
                + " reserveStock(orderId: $orderId, lines: $lines) { status } }",
            Map.of("orderId", orderId, "lines", input))
        .flatMap(
            data ->
                "RESERVED".equals(data.path("reserveStock").path("status").asText())
                    ? Mono.<Void>empty()
                    : Mono.error(
                        RemoteCallException.permanent(
                            "STOCK_RELEASED", "The reservation of " + orderId + " was released")));
  }

  @Override
  public Mono<Void> releaseStock(String orderId) {
    return inventory
        .execute(
            "mutation($orderId: ID!) { releaseStock(orderId: $orderId) { status } }",
            Map.of("orderId", orderId))
        .then();
  }

  @Override
  public Mono<Void> chargePayment(
      String orderId, long amountCents, String currency, String method) {
    return chargePayment(orderId, null, amountCents, currency, method);
  }

  @Override
  public Mono<Void> chargePayment(
      String orderId, String customerId, long amountCents, String currency, String method) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("orderId", orderId);
    variables.put("amount", BigDecimal.valueOf(amountCents, 2).toPlainString());
    variables.put("currency", currency);
    variables.put("method", method);
    variables.put("customerId", customerId);
    return payments
        .execute(
            "mutation($orderId: ID!, $amount: Decimal!, $currency: String!, $method: String!,"
                + " $customerId: ID) { chargePayment(orderId: $orderId, amount: $amount,"
                + " currency: $currency, method: $method, customerId: $customerId) { id status } }",
            variables)
        .then();
  }

  @Override
  public Mono<Void> refundPayment(String orderId) {
    return payments
        .execute(
            "mutation($orderId: ID!) { refundPayment(orderId: $orderId) { id status } }",
            Map.of("orderId", orderId))
        .then();
  }

  @Override
  public Mono<Void> creditPoints(String customerId, int points, String reason) {
    return accounts
        .execute(
            "mutation($c: ID!, $a: Int!, $r: String!) {"
                + " creditPoints(customerId: $c, amount: $a, reason: $r) { id } }",
            Map.of("c", customerId, "a", points, "r", reason))
        .then();
  }

  @Override
  public Mono<Void> revokePoints(String customerId, int points, String reason) {
    return accounts
        .execute(
            "mutation($c: ID!, $a: Int!, $r: String!) {"
                + " revokePoints(customerId: $c, amount: $a, reason: $r) { id } }",
            Map.of("c", customerId, "a", points, "r", reason))
        .then();
  }

  @Override
  public Mono<Void> createShipment(String orderId, String address) {
    return shipping
        .execute(
            "mutation($orderId: ID!, $address: String!) {"
                + " createShipment(orderId: $orderId, address: $address) { id status } }",
            Map.of("orderId", orderId, "address", address))
        .then();
  }

  @Override
  public Mono<Void> cancelShipment(String orderId) {
    return shipping
        .execute(
            "mutation($orderId: ID!) { cancelShipment(orderId: $orderId) { id status } }",
            Map.of("orderId", orderId))
        .then();
  }
}
