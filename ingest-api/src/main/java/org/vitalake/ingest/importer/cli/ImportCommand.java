package org.vitalake.ingest.importer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportFormat;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportStatusResponse;
import org.vitalake.ingest.importer.fitbit.FitbitWebApiImporter;

/**
 * {@code ./vitalake import <format> <path> [--user ID] [--users N] [--time-zone ZONE]}: uploads a
 * device export or research dataset to the running ingest API, maps a dataset's participants to
 * platform users through identity, shows progress and prints what was imported and rejected.
 *
 * <p>Without {@code --time-zone}, timestamps without an offset are read in each user's profile zone
 * (the format's default for a user without one); participants' users created here get the named
 * zone, or the format's default, in their profile.
 */
public final class ImportCommand {

  static final String USAGE =
      "usage: ./vitalake import <apple-health|fitabase|fitbit-json|pmdata|fit|google-fit> <path>"
          + " [--user ID] [--users N] [--time-zone ZONE]";

  private static final int REPORTED_REJECTIONS = 10;

  /** The command line, checked. */
  record Arguments(ImportFormat format, Path path, String user, Integer users, ZoneId timeZone) {}

  /** A command line that cannot be run, with the message to print. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  ImportCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(new ImportCommand(System.out, System.err, System.getenv()).run(args));
  }

  /**
   * Runs the command; the exit code is 0 when the import is done, 1 when it failed, 2 for bad
   * usage.
   */
  int run(String[] args) {
    Arguments arguments;
    try {
      arguments = parse(args);
    } catch (UsageException e) {
      err.println("vitalake import: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      return execute(arguments);
    } catch (ImportFailedException
        | IllegalStateException
        | ImportClient.ImportRequestException e) {
      err.println();
      err.println("vitalake import: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println();
      err.println("vitalake import: " + arguments.path() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("vitalake import: interrupted");
      return 1;
    }
  }

  static Arguments parse(String[] args) throws UsageException {
    List<String> positional = new ArrayList<>();
    String user = null;
    Integer users = null;
    String zone = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--user", "--users", "--time-zone" -> {
          if (i + 1 >= args.length) {
            throw new UsageException(arg + " needs a value");
          }
          String value = args[++i];
          if (arg.equals("--user")) {
            user = value;
          } else if (arg.equals("--time-zone")) {
            zone = value;
          } else {
            try {
              users = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new UsageException("--users '" + value + "' is not a number");
            }
            if (users < 1) {
              throw new UsageException("--users must be at least 1, got " + users);
            }
          }
        }
        case "-h", "--help" ->
            throw new UsageException("imports a device export or research dataset");
        default -> {
          if (arg.startsWith("--")) {
            throw new UsageException("unknown option " + arg);
          }
          positional.add(arg);
        }
      }
    }
    if (positional.size() != 2) {
      throw new UsageException("expected a format and a path, got " + positional);
    }
    ImportFormat format;
    try {
      format = ImportFormat.parse(positional.get(0));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path path = Path.of(positional.get(1));
    if (!Files.exists(path)) {
      throw new UsageException(path + ": no such file or folder");
    }
    ZoneId timeZone;
    try {
      timeZone = zone == null ? null : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new UsageException(
          "--time-zone '" + zone + "' is not an IANA time zone such as Europe/Oslo");
    }
    if (users != null && user != null) {
      throw new UsageException(
          "--users maps a dataset's participants to users; it cannot be combined with --user");
    }
    return new Arguments(format, path, user, users, timeZone);
  }

  private int execute(Arguments arguments) throws IOException, InterruptedException {
    ImportFormat format = arguments.format();
    List<String> participants;
    try (ImportInput input = ImportInput.open(arguments.path())) {
      participants = format.createImporter().findParticipants(input);
    }
    if (arguments.user() == null && participants.isEmpty()) {
      throw new IllegalStateException(
          arguments.path()
              + " holds one person's "
              + format.code()
              + " data: name its owner with --user ID");
    }
    String secret = env.get("VITALAKE_SERVICE_TOKEN_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "VITALAKE_SERVICE_TOKEN_SECRET is not set (./vitalake sets it from .vitalake/credentials.env)");
    }
    IdentityClient identity =
        new IdentityClient(
            URI.create(url("VITALAKE_IDENTITY_URL", "VITALAKE_IDENTITY_PORT", "8081")), secret);
    ImportClient imports =
        new ImportClient(
            URI.create(url("VITALAKE_INGEST_URL", "VITALAKE_INGEST_PORT", "8082")),
            identity::serviceToken);
    String zone = arguments.timeZone() == null ? null : arguments.timeZone().getId();

    Map<String, String> userMap = new LinkedHashMap<>();
    if (arguments.user() == null) {
      List<String> chosen =
          arguments.users() == null
              ? participants
              : participants.subList(0, Math.min(arguments.users(), participants.size()));
      String system = format == ImportFormat.FITABASE ? "fitabase" : "pmdata";
      String participantZone = zone != null ? zone : format.defaultZone().getId();
      for (String participant : chosen) {
        userMap.put(participant, identity.findOrCreateUser(system, participant, participantZone));
      }
      err.printf(
          Locale.ROOT,
          "%d of %d participants mapped to platform users (%s:<id>)%n",
          chosen.size(),
          participants.size(),
          system);
    }

    Path upload = arguments.path();
    boolean zipped = false;
    if (Files.isDirectory(upload)) {
      Set<String> included = userMap.keySet();
      Predicate<String> keep =
          entry -> {
            String participant = FitbitWebApiImporter.participantOf(entry);
            return participant == null || included.isEmpty() || included.contains(participant);
          };
      upload = zipFolder(upload, keep);
      zipped = true;
    }
    try {
      long size = Files.size(upload);
      ImportClient.Target target =
          new ImportClient.Target(format.code(), arguments.user(), userMap, zone);
      ProgressBar bar = new ProgressBar(err);
      ImportStatusResponse started =
          imports.upload(upload, target, sent -> bar.show("uploading", sent, size, null));
      ImportStatusResponse done =
          imports.await(
              started.importId(),
              status -> bar.show("importing", status.bytesRead(), status.bytesTotal(), status),
              Duration.ofMillis(500));
      bar.finish();
      return report(arguments, done);
    } finally {
      if (zipped) {
        Files.deleteIfExists(upload);
      }
    }
  }

  private int report(Arguments arguments, ImportStatusResponse status) {
    if (status.duplicateOf() != null) {
      out.printf(
          Locale.ROOT,
          "%s was already imported (import %s); nothing was added%n",
          arguments.path(),
          status.duplicateOf());
      return 0;
    }
    out.printf(
        Locale.ROOT,
        "%s %s: import %s %s%n",
        arguments.format().code(),
        arguments.path(),
        status.importId(),
        status.status());
    out.printf(Locale.ROOT, "  records read  %,d%n", status.rowsRead());
    out.printf(Locale.ROOT, "  accepted      %,d%n", status.accepted());
    out.printf(Locale.ROOT, "  rejected      %,d%n", status.rejected());
    reportTimeZones(status);
    if (!status.rejections().isEmpty()) {
      out.println("  first rejections (file:line or record, field: reason):");
      status.rejections().stream()
          .limit(REPORTED_REJECTIONS)
          .forEach(
              r ->
                  out.printf(
                      Locale.ROOT,
                      "    %s:%d %s: %s%n",
                      r.file(),
                      r.record(),
                      r.field(),
                      r.reason()));
    }
    if ("failed".equals(status.status())) {
      err.println("vitalake import: " + status.error());
      return 1;
    }
    return 0;
  }

  /** The zone timestamps without an offset were read in and why; per zone for participants. */
  private void reportTimeZones(ImportStatusResponse status) {
    if (status.timeZone() != null) {
      out.printf(
          Locale.ROOT, "  time zone     %s (%s)%n", status.timeZone(), status.timeZoneSource());
      return;
    }
    Map<String, Long> participantsPerZone =
        status.participantTimeZones().values().stream()
            .collect(
                Collectors.groupingBy(
                    z -> z.timeZone() + " (" + z.source() + ")",
                    TreeMap::new,
                    Collectors.counting()));
    String label = "  time zones    ";
    for (Map.Entry<String, Long> zone : participantsPerZone.entrySet()) {
      out.printf(
          Locale.ROOT,
          "%s%s: %d participant%s%n",
          label,
          zone.getKey(),
          zone.getValue(),
          zone.getValue() == 1 ? "" : "s");
      label = " ".repeat(label.length());
    }
  }

  private String url(String variable, String portVariable, String defaultPort) {
    String url = env.get(variable);
    if (url != null && !url.isBlank()) {
      return url;
    }
    return "http://127.0.0.1:" + env.getOrDefault(portVariable, defaultPort);
  }

  /** Zips a folder's files (streamed, one at a time) to upload it as one file. */
  static Path zipFolder(Path folder, Predicate<String> include) throws IOException {
    Path zip = Files.createTempFile("vitalake-import-", ".zip");
    try (ImportInput input = ImportInput.open(folder);
        OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (String entry : input.entries()) {
        if (include.test(entry)) {
          // the files' own times, not now: zipping the same folder again gives the same bytes,
          // so the service recognises the upload as already imported
          ZipEntry zipped = new ZipEntry(entry);
          zipped.setLastModifiedTime(Files.getLastModifiedTime(folder.resolve(entry)));
          out.putNextEntry(zipped);
          try (var in = input.open(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    return zip;
  }

  /** One line on stderr, redrawn in place: phase, bar, bytes, records. */
  static final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private String last = "";

    ProgressBar(PrintStream err) {
      this.err = err;
    }

    void show(String phase, long done, long total, ImportStatusResponse status) {
      // an importer may skip files it does not need, so a finished import shows as complete
      boolean finished = status != null && !"running".equals(status.status());
      double fraction = finished ? 1 : total > 0 ? Math.min(1, (double) done / total) : 0;
      int filled = (int) Math.round(fraction * WIDTH);
      String line =
          String.format(
              Locale.ROOT,
              "%-9s [%s%s] %3d%%  %s",
              phase,
              "#".repeat(filled),
              ".".repeat(WIDTH - filled),
              Math.round(fraction * 100),
              status == null
                  ? String.format(Locale.ROOT, "%.1f/%.1f MB", done / 1e6, total / 1e6)
                  : String.format(
                      Locale.ROOT,
                      "read %,d  accepted %,d  rejected %,d",
                      status.rowsRead(),
                      status.accepted(),
                      status.rejected()));
      if (!line.equals(last)) {
        err.print("\r" + line);
        err.flush();
        last = line;
      }
    }

    void finish() {
      err.println();
    }
  }
}
