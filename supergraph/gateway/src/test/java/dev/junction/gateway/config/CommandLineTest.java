package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

  @Test
  void readsEveryOption() {
    CommandLine line =
        CommandLine.parse(
            new String[] {
              "--supergraph", "s.graphql", "--config", "router.yaml", "--port", "4100"
            });

    assertThat(line)
        .isEqualTo(new CommandLine(Path.of("s.graphql"), Path.of("router.yaml"), 4100, false));
  }

  @Test
  void acceptsTheEqualsForm() {
    CommandLine line = CommandLine.parse(new String[] {"--supergraph=s.graphql", "--port=0"});

    assertThat(line.supergraph()).isEqualTo(Path.of("s.graphql"));
    assertThat(line.port()).isZero();
    assertThat(line.config()).isNull();
  }

  @Test
  void helpNeedsNothingElse() {
    assertThat(CommandLine.parse(new String[] {"--help"}).help()).isTrue();
    assertThat(CommandLine.parse(new String[] {"-h"}).help()).isTrue();
    assertThat(CommandLine.parse(new String[] {}).help()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--verbose|unknown option '--verbose'",
        "--port=eighty|--port expects a number between 0 and 65535, got 'eighty'",
        "--port 70000|--port expects a number between 0 and 65535, got '70000'",
        "--port|missing value for --port",
        "--supergraph --port 1|missing value for --supergraph",
        "--config=|empty value for --config",
        "supergraph.graphql|unexpected argument 'supergraph.graphql'",
        "--port 1 --port 2|--port given twice",
        "--help=yes|--help takes no value",
      })
  void rejectsBadCommandLines(String args, String message) {
    assertThatThrownBy(() -> CommandLine.parse(args.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
