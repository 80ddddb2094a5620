package org.vitalake.coaching;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.pmdata.PmDataParticipant;
import org.vitalake.coaching.pmdata.PmDataReader;

/** The real PMData folder shared by the project's tests, and small subsets of it. */
public final class PmDataFixture {

  public static final List<String> SUBSET = List.of("p01", "p02", "p05", "p06");

  private PmDataFixture() {}

  public static Path dataset() {
    String shared = System.getProperty("vitalake.shared.data", "../../shared/data");
    Path dir = Path.of(shared, "pmdata").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "PMData not found at " + dir + " (set -Dvitalake.shared.data)");
    }
    return dir;
  }

  /** A folder of links to the given participants only. */
  public static Path subset(Path into, List<String> participants) throws IOException {
    for (String p : participants) {
      Files.createSymbolicLink(into.resolve(p), dataset().resolve(p));
    }
    return into;
  }

  public static Map<String, List<DayObservation>> users(List<String> participants) {
    PmDataReader reader = new PmDataReader();
    Map<String, List<DayObservation>> out = new LinkedHashMap<>();
    for (String p : participants) {
      PmDataParticipant participant = reader.read(dataset().resolve(p));
      out.put(participant.id(), participant.days());
    }
    return out;
  }
}
