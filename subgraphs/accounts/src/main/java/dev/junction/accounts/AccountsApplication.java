package dev.junction.accounts;

import dev.junction.subgraph.common.error.SubgraphExceptionHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The accounts subgraph: customers and their loyalty points. */
@SpringBootApplication
public class AccountsApplication {

  public static void main(String[] args) {
    SpringApplication.run(AccountsApplication.class, args);
  }

  /**
   * The shared error handler as an application bean: the common auto-configuration registers it
   * only after DGS has added its default handler (two candidates); an application bean suppresses
   * both conditional registrations.
   */
  @Bean
  SubgraphExceptionHandler subgraphExceptionHandler() {
    return new SubgraphExceptionHandler();
  }
}
