package dev.junction.client.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A {@link Transport} on OkHttp (optional dependency {@code com.squareup.okhttp3:okhttp}). */
public final class OkHttpTransport implements Transport {
  private static final MediaType JSON = MediaType.get("application/json");
  private final OkHttpClient client;

  /** A transport with its own client and the given connect time-out. */
  public OkHttpTransport(Duration connectTimeout) {
    this(
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build());
  }

  /** A transport on a caller-configured client. */
  public OkHttpTransport(OkHttpClient client) {
    this.client = client;
  }

  @Override
  public TransportResponse send(TransportRequest request) {
    Request.Builder builder =
        new Request.Builder()
            .url(request.uri().toString())
            .post(RequestBody.create(request.body(), JSON));
    request.headers().forEach(builder::header);
    Call call = client.newCall(builder.build());
    call.timeout().timeout(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    try (Response response = call.execute()) {
      byte[] body = response.body().bytes();
      return new TransportResponse(response.code(), response.headers().toMultimap(), body);
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      throw new TransportConnectException("cannot connect to " + request.uri(), e);
    } catch (SocketTimeoutException e) {
      if (String.valueOf(e.getMessage()).toLowerCase().contains("connect")) {
        throw new TransportConnectException("connect to " + request.uri() + " timed out", e);
      }
      throw timeout(request, e);
    } catch (InterruptedIOException e) {
      if (call.isCanceled() || "timeout".equals(e.getMessage())) {
        throw timeout(request, e);
      }
      throw new TransportIoException("interrupted while calling " + request.uri(), e);
    } catch (IOException e) {
      throw new TransportIoException("I/O failure talking to " + request.uri(), e);
    }
  }

  @Override
  public TransportStream open(TransportRequest request) {
    Request.Builder builder =
        new Request.Builder()
            .url(request.uri().toString())
            .post(RequestBody.create(request.body(), JSON));
    request.headers().forEach(builder::header);
    OkHttpClient streaming = client.newBuilder().readTimeout(request.timeout()).build();
    Call call = streaming.newCall(builder.build());
    try {
      Response response = call.execute();
      return new TransportStream(
          response.code(), response.headers().toMultimap(), response.body().byteStream());
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      throw new TransportConnectException("cannot connect to " + request.uri(), e);
    } catch (SocketTimeoutException e) {
      throw timeout(request, e);
    } catch (IOException e) {
      throw new TransportIoException("I/O failure talking to " + request.uri(), e);
    }
  }

  private static TransportTimeoutException timeout(TransportRequest request, IOException e) {
    return new TransportTimeoutException(
        "no response from " + request.uri() + " within " + request.timeout(), e);
  }
}
