package dev.modelfleet.cli.signing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Path helpers shared by the signing commands. */
final class CliFiles {
  private CliFiles() {}

  /**
   * Ignore paths as given on the command line (relative to the working directory, or absolute),
   * turned into paths relative to the model directory; paths outside the model are dropped.
   */
  static List<String> modelRelative(Path model, List<Path> ignorePaths) {
    List<String> out = new ArrayList<>();
    Path root = model.toAbsolutePath().normalize();
    for (Path p : ignorePaths) {
      Path abs = p.toAbsolutePath().normalize();
      if (!abs.startsWith(root) || abs.equals(root)) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      for (Path seg : root.relativize(abs)) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(seg);
      }
      out.add(sb.toString());
    }
    return out;
  }
}
