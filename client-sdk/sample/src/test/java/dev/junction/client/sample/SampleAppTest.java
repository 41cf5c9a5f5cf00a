package dev.junction.client.sample;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.junction.client.GraphQLClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SampleAppTest {
  private WireMockServer gateway;

  @BeforeEach
  void start() {
    gateway = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop();
  }

  @Test
  void browsesThenLooksUpTheFirstBarcode() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.operationName", equalTo("BrowseProducts")))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"data\":{\"products\":{\"edges\":[{\"cursor\":\"c1\",\"node\":{\"id\":\"p1\","
                            + "\"sku\":\"TEA-001\",\"barcode\":\"8712345678906\",\"name\":\"Darjeeling\","
                            + "\"price\":{\"amount\":\"12.50\",\"currency\":\"EUR\"},\"inStock\":true,"
                            + "\"stock\":{\"available\":4}}}],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"c1\"}}}}")));
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.variables.barcode", equalTo("8712345678906")))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"data\":{\"productByBarcode\":{\"id\":\"p1\",\"sku\":\"TEA-001\",\"barcode\":\"8712345678906\","
                            + "\"name\":\"Darjeeling\",\"description\":null,\"price\":{\"amount\":\"12.50\",\"currency\":\"EUR\"},"
                            + "\"stock\":{\"available\":4,\"reserved\":1},\"dimensions\":{\"heightMm\":1,\"lengthMm\":2,\"widthMm\":3},"
                            + "\"weightGrams\":250}}}")));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    GraphQLClient client =
        GraphQLClient.builder(URI.create(gateway.baseUrl() + "/graphql"))
            .persistedQueries(false)
            .build();

    new SampleApp(client, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(5, null);

    String out = buffer.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("TEA-001", "12.50 EUR", "no more products");
    assertThat(out)
        .contains(
            "barcode 8712345678906: Darjeeling (TEA-001), 12.50 EUR, 4 available, 1 reserved, 250 g, 2x3x1 mm");
  }
}
