package dev.junction.payments.fakeprovider;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code junction.fake-provider.*}: the fake payment provider of the local stack.
 *
 * @param declineRate the share of charges declined at random (0 to 1)
 * @param latency the delay of every answer
 */
@ConfigurationProperties("junction.fake-provider")
public record FakeProviderProperties(boolean enabled, Double declineRate, Duration latency) {

  public FakeProviderProperties {
    declineRate = declineRate == null ? 0.0 : declineRate;
    latency = latency == null ? Duration.ZERO : latency;
  }
}
