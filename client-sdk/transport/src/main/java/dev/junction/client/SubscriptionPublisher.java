package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cold {@link Flow.Publisher} of one subscription: each subscriber starts its own operation on
 * the client's socket at its first {@code request}, receives at most what it requested, and may
 * have up to {@link SubscriptionSettings#bufferSize()} events waiting; one more ends the stream
 * with {@link SubscriptionBufferOverflowException}.
 */
final class SubscriptionPublisher<D> implements Flow.Publisher<GraphQLResult<D>> {
  private final GraphQLWsClient socket;
  private final Operation<D> operation;
  private final ObjectNode payload;
  private final int bufferSize;

  SubscriptionPublisher(
      GraphQLWsClient socket, Operation<D> operation, ObjectNode payload, int bufferSize) {
    this.socket = socket;
    this.operation = operation;
    this.payload = payload;
    this.bufferSize = bufferSize;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super GraphQLResult<D>> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Emitter emitter = new Emitter(subscriber);
    subscriber.onSubscribe(emitter);
  }

  private final class Emitter implements Flow.Subscription, GraphQLWsClient.Sink {
    private final Flow.Subscriber<? super GraphQLResult<D>> subscriber;
    private final Queue<GraphQLResult<D>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean done;
    private volatile Throwable failure;
    private volatile String id;

    Emitter(Flow.Subscriber<? super GraphQLResult<D>> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        fail(new IllegalArgumentException("request(" + n + "): demand must be positive (3.9)"));
        return;
      }
      demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      if (started.compareAndSet(false, true) && !cancelled) {
        id = socket.start(payload.deepCopy(), this);
        if (cancelled) {
          socket.stop(id);
        }
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      String running = id;
      if (running != null) {
        socket.stop(running);
      }
      queue.clear();
    }

    @Override
    public void next(JsonNode message) {
      if (done || cancelled) {
        return;
      }
      GraphQLResult<D> result;
      try {
        result = GraphQLClient.toResult(operation, message);
      } catch (RuntimeException invalid) {
        fail(invalid);
        return;
      }
      if (queued.incrementAndGet() > bufferSize) {
        fail(
            new SubscriptionBufferOverflowException(
                operation.operationName()
                    + ": more than "
                    + bufferSize
                    + " events waiting for demand"));
        return;
      }
      queue.add(result);
      drain();
    }

    @Override
    public void error(Throwable error) {
      failure = error;
      done = true;
      drain();
    }

    @Override
    public void complete() {
      done = true;
      drain();
    }

    /** Ends the stream from our side: the server is told to stop, the subscriber gets the error. */
    private void fail(Throwable error) {
      String running = id;
      if (running != null) {
        socket.stop(running);
      }
      error(error);
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      while (true) {
        while (!cancelled && demand.get() > 0) {
          GraphQLResult<D> item = queue.poll();
          if (item == null) {
            break;
          }
          queued.decrementAndGet();
          demand.decrementAndGet();
          subscriber.onNext(item);
        }
        if (cancelled) {
          queue.clear();
        } else if (done
            && (queue.isEmpty() || failure instanceof SubscriptionBufferOverflowException)) {
          cancelled = true; // terminal: no more signals
          queue.clear();
          if (failure != null) {
            subscriber.onError(failure);
          } else {
            subscriber.onComplete();
          }
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }
  }
}
