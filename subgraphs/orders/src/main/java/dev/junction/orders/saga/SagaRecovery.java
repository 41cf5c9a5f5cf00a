package dev.junction.orders.saga;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Forward recovery: on startup and then every {@code junction.saga.recovery-interval}, claims the
 * sagas that are not terminal and whose lease has expired, and resumes them. A zero interval
 * disables it.
 */
public class SagaRecovery implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(SagaRecovery.class);
  private static final int BATCH = 50;

  private final SagaOrchestrator orchestrator;
  private final SagaProperties props;
  private volatile Disposable running;

  public SagaRecovery(SagaOrchestrator orchestrator, SagaProperties props) {
    this.orchestrator = orchestrator;
    this.props = props;
  }

  /** Starts the periodic recovery once the application is ready. */
  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    if (props.recoveryInterval().isZero() || props.recoveryInterval().isNegative()) {
      return;
    }
    running =
        Flux.interval(java.time.Duration.ZERO, props.recoveryInterval())
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    orchestrator
                        .recoverExpired(BATCH)
                        .doOnNext(
                            n -> {
                              if (n > 0) {
                                log.info("Saga recovery resumed {} sagas", n);
                              }
                            })
                        .onErrorResume(
                            e -> {
                              log.warn("Saga recovery failed", e);
                              return Mono.empty();
                            }),
                1)
            .subscribe();
  }

  @Override
  public void destroy() {
    Disposable d = running;
    if (d != null) {
      d.dispose();
    }
  }
}
