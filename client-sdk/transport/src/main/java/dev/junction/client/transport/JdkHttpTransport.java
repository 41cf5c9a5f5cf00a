package dev.junction.client.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** A {@link Transport} on the JDK's {@link HttpClient} (HTTP/1.1). */
public final class JdkHttpTransport implements Transport {
  private final HttpClient client;

  /** A transport with its own client and the given connect time-out. */
  public JdkHttpTransport(Duration connectTimeout) {
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  /** A transport on a caller-configured client. */
  public JdkHttpTransport(HttpClient client) {
    this.client = client;
  }

  @Override
  public TransportStream open(TransportRequest request) {
    HttpResponse<java.io.InputStream> response =
        exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    return new TransportStream(response.statusCode(), response.headers().map(), response.body());
  }

  @Override
  public TransportResponse send(TransportRequest request) {
    HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    return new TransportResponse(response.statusCode(), response.headers().map(), response.body());
  }

  /** One POST exchange, JDK failures mapped to the transport's exceptions. */
  private <T> HttpResponse<T> exchange(
      TransportRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(request.timeout())
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    try {
      return client.send(builder.build(), bodyHandler);
    } catch (HttpConnectTimeoutException e) {
      throw new TransportConnectException("connect to " + request.uri() + " timed out", e);
    } catch (HttpTimeoutException e) {
      throw new TransportTimeoutException(
          "no response from " + request.uri() + " within " + request.timeout(), e);
    } catch (ConnectException e) {
      throw new TransportConnectException("cannot connect to " + request.uri(), e);
    } catch (UnresolvedAddressException e) {
      throw new TransportConnectException("cannot resolve " + request.uri(), e);
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException
          || e.getCause() instanceof UnresolvedAddressException) {
        throw new TransportConnectException("cannot connect to " + request.uri(), e);
      }
      throw new TransportIoException("I/O failure talking to " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportIoException("interrupted while calling " + request.uri(), e);
    }
  }
}
