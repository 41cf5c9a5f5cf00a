package dev.junction.gateway.config;

import java.nio.file.Path;

/**
 * The gateway's command line: {@code --supergraph <file> --config <file> --port <n> --help}, each
 * option also accepted as {@code --name=value}.
 *
 * @param supergraph supergraph SDL file, or null
 * @param config router config file, or null (all defaults)
 * @param port listen port override, or null
 * @param help whether {@code --help} was given
 */
public record CommandLine(Path supergraph, Path config, Integer port, boolean help) {

  /**
   * Parses the program arguments.
   *
   * @throws IllegalArgumentException with a one-line reason for a bad command line
   */
  public static CommandLine parse(String[] args) {
    Path supergraph = null;
    Path config = null;
    Integer port = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> {
          if (value != null) {
            throw new IllegalArgumentException("--help takes no value");
          }
          help = true;
        }
        case "--supergraph", "--config", "--port" -> {
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
              throw new IllegalArgumentException("missing value for " + name);
            }
            value = args[++i];
          }
          if (value.isBlank()) {
            throw new IllegalArgumentException("empty value for " + name);
          }
          if (name.equals("--port")) {
            if (port != null) {
              throw new IllegalArgumentException("--port given twice");
            }
            port = port(value);
          } else if (name.equals("--supergraph")) {
            if (supergraph != null) {
              throw new IllegalArgumentException("--supergraph given twice");
            }
            supergraph = Path.of(value);
          } else {
            if (config != null) {
              throw new IllegalArgumentException("--config given twice");
            }
            config = Path.of(value);
          }
        }
        default ->
            throw new IllegalArgumentException(
                arg.startsWith("-")
                    ? "unknown option '" + name + "'"
                    : "unexpected argument '" + arg + "'");
      }
    }
    return new CommandLine(supergraph, config, port, help);
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--port expects a number between 0 and 65535, got '" + value + "'");
  }
}
