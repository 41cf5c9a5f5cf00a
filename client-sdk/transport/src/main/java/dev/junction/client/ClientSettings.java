package dev.junction.client;

import dev.junction.client.transport.Transport;
import dev.junction.client.transport.WebSocketTransport;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

record ClientSettings(
    URI endpoint,
    Transport transport,
    Duration callTimeout,
    RetryPolicy retryPolicy,
    AuthTokenProvider authTokenProvider,
    String clientName,
    String clientVersion,
    Supplier<String> traceparent,
    boolean persistedQueries,
    URI subscriptionEndpoint,
    WebSocketTransport webSocketTransport,
    SubscriptionSettings subscriptionSettings) {}
