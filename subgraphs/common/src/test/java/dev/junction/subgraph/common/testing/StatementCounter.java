package dev.junction.subgraph.common.testing;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements a subgraph runs, by wrapping its {@link ConnectionFactory} in an
 * r2dbc-proxy. Register it as a bean in a test ({@code @Import(StatementCounter.class)} or a
 * {@code @TestConfiguration}), call {@link #reset()}, run the operation, read {@link
 * #statements()}.
 */
public class StatementCounter implements BeanPostProcessor {
  private final List<String> statements = new CopyOnWriteArrayList<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ConnectionFactory cf && !(bean instanceof StatementCounter)) {
      return ProxyConnectionFactory.builder(cf)
          .listener(
              new ProxyExecutionListener() {
                @Override
                public void afterQuery(QueryExecutionInfo execInfo) {
                  for (QueryInfo q : execInfo.getQueries()) {
                    statements.add(q.getQuery());
                  }
                }
              })
          .build();
    }
    return bean;
  }

  public void reset() {
    statements.clear();
  }

  /** The statements run since the last reset, in order. */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  /** The statements since the last reset that start with {@code SELECT} (case-insensitive). */
  public List<String> selects() {
    return statements.stream().filter(s -> s.trim().toUpperCase().startsWith("SELECT")).toList();
  }
}
