package dev.junction.orders.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import com.jayway.jsonpath.DocumentContext;
import dev.junction.orders.OrdersIntegrationTest;
import dev.junction.orders.saga.PlaceOrderService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Mono;

/**
 * Issue 21: whatever goes wrong below it, {@code placeOrder} answers an order, a domain error, or a
 * generic {@code INTERNAL_SERVER_ERROR} with a request id, never graphql-java's "declared as a non
 * null type" null and never the cause's own text.
 */
class PlaceOrderNeverNullTest extends OrdersIntegrationTest {
  private static final String PLACE_ORDER =
      "mutation { placeOrder(idempotencyKey: \"k-1\", input: {customerId: \"cust-002\", lines:"
          + " [{productId: \"prod-010\", quantity: 1}], shippingAddress: \"Damrak 1\","
          + " paymentMethod: \"card\"}) { id } }";

  @MockitoBean PlaceOrderService placeOrder;

  private void assertGenericInternalError(DocumentContext json) {
    assertThat(json.<Object>read("$.data")).isNull();
    assertThat(json.<Object>read("$.errors.length()")).isEqualTo(1);
    assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("INTERNAL_SERVER_ERROR");
    String requestId = json.read("$.errors[0].extensions.requestId");
    assertThat(requestId).isNotBlank();
    assertThat(json.<String>read("$.errors[0].message"))
        .isEqualTo("Internal error (request id " + requestId + ")");
    assertThat(json.<Object>read("$.errors[0].path")).isEqualTo(java.util.List.of("placeOrder"));
    assertThat(json.jsonString())
        .doesNotContain("non null")
        .doesNotContain("Exception")
        .doesNotContain("SQL");
  }

  @Test
  void anEmptyOutcomeIsAGenericInternalError() {
    when(placeOrder.place(any(), anyString())).thenReturn(Mono.empty());
    assertGenericInternalError(execute(PLACE_ORDER, Map.of()));
  }

  @Test
  void anUnknownOrderIdIsAGenericInternalError() {
    when(placeOrder.place(any(), anyString())).thenReturn(Mono.just("ord-does-not-exist"));
    assertGenericInternalError(execute(PLACE_ORDER, Map.of()));
  }

  @Test
  void anUnexpectedFailureIsAGenericInternalError() {
    when(placeOrder.place(any(), anyString()))
        .thenReturn(Mono.error(new IllegalStateException("SQL INSERT INTO orders failed")));
    assertGenericInternalError(execute(PLACE_ORDER, Map.of()));
  }
}
