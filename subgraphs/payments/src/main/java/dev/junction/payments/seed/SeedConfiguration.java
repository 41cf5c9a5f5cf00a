package dev.junction.payments.seed;

import dev.junction.payments.payment.PaymentRepository;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.init.ConnectionFactoryInitializer;

/**
 * Seeds the demo data at startup when {@code junction.seed.enabled} is true, after Boot's SQL
 * initialization has created the table and before the application serves requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "junction.seed.enabled", havingValue = "true")
public class SeedConfiguration {

  @Bean
  PaymentsSeeder paymentsSeeder(PaymentRepository payments) {
    return new PaymentsSeeder(payments);
  }

  @Bean
  @DependsOnDatabaseInitialization
  ConnectionFactoryInitializer paymentsSeedInitializer(
      ConnectionFactory connectionFactory, PaymentsSeeder seeder) {
    ConnectionFactoryInitializer initializer = new ConnectionFactoryInitializer();
    initializer.setConnectionFactory(connectionFactory);
    initializer.setDatabasePopulator(seeder);
    return initializer;
  }
}
