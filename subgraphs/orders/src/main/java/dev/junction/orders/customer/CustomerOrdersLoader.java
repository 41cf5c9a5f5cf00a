package dev.junction.orders.customer;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderKeyset;
import dev.junction.orders.order.OrderRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads pages of customers' orders, newest first. Keys with the same page arguments ({@code first},
 * {@code after}) share one SELECT, so {@code Customer.orders} for any number of customers with the
 * same arguments costs one statement. Each customer's page fetches one extra row to learn {@code
 * hasNextPage}.
 */
@DgsDataLoader(name = "customerOrders")
public class CustomerOrdersLoader implements MappedBatchLoader<CustomerOrdersKey, OrderConnection> {
  private final OrderRepository orders;

  public CustomerOrdersLoader(OrderRepository orders) {
    this.orders = orders;
  }

  private record PageArgs(int first, OrderKeyset after) {}

  @Override
  public CompletionStage<Map<CustomerOrdersKey, OrderConnection>> load(
      Set<CustomerOrdersKey> keys) {
    Map<PageArgs, List<CustomerOrdersKey>> groups =
        keys.stream()
            .collect(
                Collectors.groupingBy(
                    k -> new PageArgs(k.first(), k.after()),
                    LinkedHashMap::new,
                    Collectors.toList()));
    return Flux.fromIterable(groups.entrySet())
        .concatMap(group -> loadGroup(group.getKey(), group.getValue()))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .toFuture();
  }

  private Flux<Map.Entry<CustomerOrdersKey, OrderConnection>> loadGroup(
      PageArgs args, List<CustomerOrdersKey> keys) {
    Set<String> customerIds =
        keys.stream().map(CustomerOrdersKey::customerId).collect(Collectors.toSet());
    Mono<Map<String, Collection<Order>>> rows =
        orders
            .findNewestByCustomers(customerIds, args.after(), args.first() + 1)
            .collectMultimap(Order::customerId);
    return rows.flatMapMany(
        byCustomer -> {
          Map<CustomerOrdersKey, OrderConnection> out = new HashMap<>();
          for (CustomerOrdersKey key : keys) {
            Collection<Order> found = byCustomer.getOrDefault(key.customerId(), List.of());
            out.put(key, page(new ArrayList<>(found), args.first()));
          }
          return Flux.fromIterable(out.entrySet());
        });
  }

  /** A page from up to {@code first + 1} rows in newest-first order. */
  static OrderConnection page(List<Order> rows, int first) {
    boolean hasNext = rows.size() > first;
    List<Order> page = hasNext ? rows.subList(0, first) : rows;
    if (page.isEmpty()) {
      return new OrderConnection(List.of(), new PageInfo(hasNext, null));
    }
    List<OrderEdge> edges =
        page.stream().map(o -> new OrderEdge(OrderCursor.encode(OrderKeyset.of(o)), o)).toList();
    return new OrderConnection(edges, new PageInfo(hasNext, edges.get(edges.size() - 1).cursor()));
  }
}
