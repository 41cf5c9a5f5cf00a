package dev.junction.catalog;

import dev.junction.subgraph.common.testing.EmbeddedPostgresSupport;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/** Runs a {@link CatalogIntegrationTest} against real (embedded) PostgreSQL instead of H2. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = OnPostgres.Initializer.class)
public @interface OnPostgres {

  /** Points the R2DBC connection factory at the embedded PostgreSQL database {@code catalog}. */
  class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
              "spring.r2dbc.url=" + EmbeddedPostgresSupport.r2dbcUrl("catalog"),
              "spring.r2dbc.username=postgres",
              "spring.r2dbc.password=")
          .applyTo(context);
    }
  }
}
