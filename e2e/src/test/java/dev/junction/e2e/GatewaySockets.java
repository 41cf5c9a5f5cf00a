package dev.junction.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TCP sockets a process holds, read from Linux's {@code /proc/<pid>/fd} (links {@code
 * socket:[inode]}) and {@code /proc/<pid>/net/tcp} and {@code tcp6} (state and ports by inode).
 */
record GatewaySockets(int socketFds, int tcp, int listening, Map<Integer, Integer> byRemotePort) {
  private static final String LISTEN = "0A";

  /** Whether this machine has {@code /proc} as Linux does. */
  static boolean available() {
    return Files.isDirectory(Path.of("/proc/self/fd")) && Files.exists(Path.of("/proc/net/tcp"));
  }

  static GatewaySockets of(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    int fds = 0;
    try (DirectoryStream<Path> links = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
      for (Path link : links) {
        String target;
        try {
          target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
          continue; // closed meanwhile
        }
        if (target.startsWith("socket:[")) {
          fds++;
          inodes.add(target.substring(8, target.length() - 1));
        }
      }
    }
    int tcp = 0;
    int listening = 0;
    Map<Integer, Integer> byRemote = new HashMap<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc/" + pid + "/net/" + table);
      if (!Files.exists(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !inodes.contains(f[9])) {
          continue;
        }
        tcp++;
        if (LISTEN.equals(f[3])) {
          listening++;
          continue;
        }
        int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
        byRemote.merge(remotePort, 1, Integer::sum);
      }
    }
    return new GatewaySockets(fds, tcp, listening, Map.copyOf(byRemote));
  }

  /** Connected sockets to {@code port} (any state but listening, CLOSE_WAIT included). */
  int to(int port) {
    return byRemotePort.getOrDefault(port, 0);
  }
}
