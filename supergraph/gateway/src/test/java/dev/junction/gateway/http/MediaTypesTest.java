package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "NONE|application/json",
        "*/*|application/json",
        "application/json|application/json",
        "application/graphql-response+json|application/graphql-response+json",
        "application/graphql-response+json, application/json;q=0.9|"
            + "application/graphql-response+json",
        "application/graphql-response+json;q=0.5, application/json|application/json",
        "application/graphql-response+json;q=0, */*|application/json",
        "text/html, application/*;q=0.8|application/json",
      })
  void negotiatesTheResponseType(String accept, String expected) {
    assertThat(MediaTypes.responseType(accept)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "application/json|true",
        "application/json; charset=utf-8|true",
        "Application/JSON;charset=\"UTF-8\"|true",
        "application/json; charset=iso-8859-1|false",
        "text/plain|false",
        "application/graphql|false",
        "NONE|false",
      })
  void acceptsOnlyUtf8JsonBodies(String contentType, boolean expected) {
    assertThat(MediaTypes.isJsonBody(contentType)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8|true",
        "*/*|false",
        "application/json|false",
        "text/html;q=0|false",
        "NONE|false",
      })
  void recognisesBrowserNavigations(String accept, boolean expected) {
    assertThat(MediaTypes.wantsHtml(accept)).isEqualTo(expected);
  }
}
