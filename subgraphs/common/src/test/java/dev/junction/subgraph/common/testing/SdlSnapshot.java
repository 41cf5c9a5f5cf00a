package dev.junction.subgraph.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards the committed subgraph SDL ({@code subgraphs/<name>/subgraph.graphql}): composition reads
 * these files, so the SDL a subgraph serves at {@code _service { sdl }} must equal them. Run the
 * tests with {@code -Djunction.sdl.update=true} to rewrite the file after an intended change.
 */
public final class SdlSnapshot {
  private SdlSnapshot() {}

  public static void assertMatches(String servedSdl, Path committedFile) {
    String served = normalize(servedSdl);
    try {
      if (Boolean.getBoolean("junction.sdl.update") || !Files.exists(committedFile)) {
        if (Boolean.getBoolean("junction.sdl.update")) {
          Files.writeString(committedFile, served, StandardCharsets.UTF_8);
          return;
        }
        throw new AssertionError(
            "No committed SDL at "
                + committedFile.toAbsolutePath()
                + "; run the tests with -Djunction.sdl.update=true to create it");
      }
      String committed = normalize(Files.readString(committedFile, StandardCharsets.UTF_8));
      if (!committed.equals(served)) {
        throw new AssertionError(
            "The served SDL differs from "
                + committedFile
                + " (run with -Djunction.sdl.update=true if the change is intended)\n--- served ---\n"
                + served);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String normalize(String sdl) {
    StringBuilder out = new StringBuilder();
    for (String line : sdl.replace("\r\n", "\n").split("\n", -1)) {
      out.append(line.stripTrailing()).append('\n');
    }
    return out.toString().strip() + "\n";
  }
}
