package dev.junction.payments.provider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment provider client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
public class ProviderConfiguration {

  @Bean
  PaymentProviderClient paymentProviderClient(ProviderProperties props) {
    return new PaymentProviderClient(props);
  }
}
