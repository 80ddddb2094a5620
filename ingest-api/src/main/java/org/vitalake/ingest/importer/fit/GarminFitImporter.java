package org.vitalake.ingest.importer.fit;

import com.garmin.fit.ActivityMesg;
import com.garmin.fit.DateTime;
import com.garmin.fit.Decode;
import com.garmin.fit.Event;
import com.garmin.fit.EventMesg;
import com.garmin.fit.EventType;
import com.garmin.fit.FileIdMesg;
import com.garmin.fit.FitRuntimeException;
import com.garmin.fit.GarminProduct;
import com.garmin.fit.Manufacturer;
import com.garmin.fit.MesgBroadcaster;
import com.garmin.fit.RecordMesg;
import com.garmin.fit.SessionMesg;
import com.garmin.fit.Sport;
import com.garmin.fit.SportMesg;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.Rejection;
import org.vitalake.ingest.importer.VendorImporter;

/**
 * Imports Garmin FIT activity files (one {@code .fit}, or a folder or zip of them) with Garmin's
 * FIT SDK: records (heart rate, speed, cadence, distance) and the session as a workout.
 *
 * <p>Each file is copied once from the input into a temporary file, since the SDK reads it in
 * several passes and an upload in parts would otherwise be fetched from the raw archive (and a zip
 * entry inflated) for every pass. The first passes check the file (header and CRC, so a corrupt or
 * truncated file fails before anything is imported) and learn the sport, the device and the offset,
 * which come after the records; the last maps the records.
 */
public final class GarminFitImporter implements VendorImporter {

  private static final Set<Sport> ON_FOOT = Set.of(Sport.RUNNING, Sport.WALKING, Sport.HIKING);

  private final GarminFitRecordMapper records = new GarminFitRecordMapper();
  private final GarminFitSessionMapper sessions = new GarminFitSessionMapper();

  @Override
  public void importFrom(ImportInput input, ImportOptions options, ImportSink sink)
      throws IOException {
    List<String> files =
        input.entries().size() == 1
            ? input.entries()
            : input.entries().stream()
                .filter(e -> e.toLowerCase(Locale.ROOT).endsWith(".fit"))
                .toList();
    if (files.isEmpty()) {
      throw new ImportFailedException(input.name(), "no .fit file found");
    }
    UserId user = options.requireUser(input.name());
    boolean single = files.size() == 1;
    for (String entry : files) {
      String file = input.entries().size() == 1 ? input.name() : entry;
      Path local = Files.createTempFile("vitalake-fit-", ".fit");
      try {
        try (InputStream in = input.open(entry)) {
          Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        GarminFitActivity activity = survey(local, file);
        mapRecords(local, file, user, activity, options.now(), sink);
      } catch (ImportFailedException e) {
        if (single) {
          throw e;
        }
        // one corrupt activity in a folder of hundreds must not block the others
        sink.recordRead();
        sink.reject(new Rejection(file, 0, "file", e.reason()));
      } finally {
        Files.deleteIfExists(local);
      }
    }
  }

  /** First pass: checks the file and collects sport, device, offset and start. */
  private GarminFitActivity survey(Path local, String file) throws IOException {
    boolean[] running = {false};
    String[] device = {null};
    ZoneOffset[] offset = {null};
    Instant[] sessionStart = {null};
    Instant[] timerStart = {null};
    MesgBroadcaster broadcaster = new MesgBroadcaster();
    broadcaster.addListener((FileIdMesg id) -> device[0] = deviceName(id));
    broadcaster.addListener((SportMesg sport) -> running[0] |= ON_FOOT.contains(sport.getSport()));
    broadcaster.addListener(
        (SessionMesg session) -> {
          running[0] |= ON_FOOT.contains(session.getSport());
          sessionStart[0] = earlier(sessionStart[0], session.getStartTime());
        });
    broadcaster.addListener(
        (EventMesg event) -> {
          if (event.getEvent() == Event.TIMER && event.getEventType() == EventType.START) {
            timerStart[0] = earlier(timerStart[0], event.getTimestamp());
          }
        });
    broadcaster.addListener((ActivityMesg activity) -> offset[0] = offsetOf(activity));
    decode(local, file, broadcaster, true);
    return new GarminFitActivity(
        running[0],
        device[0],
        offset[0],
        sessionStart[0] != null ? sessionStart[0] : timerStart[0]);
  }

  private static Instant earlier(Instant known, DateTime time) {
    if (time == null) {
      return known;
    }
    Instant instant = time.getDate().toInstant();
    return known == null || instant.isBefore(known) ? instant : known;
  }

  private void mapRecords(
      Path local,
      String file,
      UserId user,
      GarminFitActivity activity,
      Instant now,
      ImportSink sink)
      throws IOException {
    records.reset();
    long[] number = {0};
    MesgBroadcaster broadcaster = new MesgBroadcaster();
    broadcaster.addListener(
        (RecordMesg record) -> {
          long current = ++number[0];
          sink.recordRead();
          sink.attempt(
              file,
              current,
              "timestamp",
              () -> {
                Instant at = records.time(record);
                if (record.getHeartRate() != null) {
                  sink.attempt(
                      file,
                      current,
                      "heart_rate",
                      () -> sink.accept(records.heartRate(record, at, user, activity, now)));
                }
                if (record.getEnhancedSpeed() != null || record.getSpeed() != null) {
                  sink.attempt(
                      file,
                      current,
                      "speed",
                      () -> sink.accept(records.speed(record, at, user, activity, now)));
                }
                if (record.getCadence() != null) {
                  sink.attempt(
                      file,
                      current,
                      "cadence",
                      () -> sink.accept(records.cadence(record, at, user, activity, now)));
                }
                if (record.getDistance() != null) {
                  sink.attempt(
                      file,
                      current,
                      "distance",
                      () -> {
                        Sample distance = records.distance(record, at, user, activity, now);
                        if (distance != null) {
                          sink.accept(distance);
                        }
                      });
                }
              });
        });
    broadcaster.addListener(
        (SessionMesg session) -> {
          long current = ++number[0];
          sink.recordRead();
          sink.attempt(
              file,
              current,
              "session",
              () -> sink.accept(sessions.map(session, user, activity, now)));
        });
    decode(local, file, broadcaster, false);
  }

  /**
   * Reads {@code local} into {@code broadcaster}; with {@code check}, first makes sure it is a FIT
   * file whose header, data size and CRC check out.
   */
  private static void decode(Path local, String file, MesgBroadcaster broadcaster, boolean check)
      throws IOException {
    if (check) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(local))) {
        if (!new Decode().isFileFit(in)) {
          throw new ImportFailedException(file, "not a FIT file: the header is missing or corrupt");
        }
      } catch (FitRuntimeException e) {
        throw new ImportFailedException(file, "not a FIT file: " + e.getMessage(), e);
      }
      try (InputStream in = new BufferedInputStream(Files.newInputStream(local))) {
        if (!new Decode().checkFileIntegrity(in)) {
          throw new ImportFailedException(
              file,
              "corrupt or truncated FIT file: the header, the data size or the CRC does not check"
                  + " out");
        }
      } catch (FitRuntimeException e) {
        throw new ImportFailedException(
            file, "corrupt or truncated FIT file: " + e.getMessage(), e);
      }
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(local))) {
      new Decode().read(in, broadcaster);
    } catch (FitRuntimeException e) {
      throw new ImportFailedException(file, "corrupt or truncated FIT file: " + e.getMessage(), e);
    }
  }

  private static String deviceName(FileIdMesg id) {
    Integer manufacturer = id.getManufacturer();
    if (manufacturer != null
        && manufacturer == Manufacturer.GARMIN
        && id.getGarminProduct() != null) {
      String product = GarminProduct.getStringFromValue(id.getGarminProduct());
      if (product != null && !product.isEmpty()) {
        return product.toLowerCase(Locale.ROOT);
      }
    }
    if (id.getProductName() != null) {
      return id.getProductName();
    }
    return manufacturer == null
        ? null
        : Manufacturer.getStringFromValue(manufacturer).toLowerCase(Locale.ROOT);
  }

  /** The offset between the activity's local and UTC timestamps, rounded to a quarter hour. */
  private static ZoneOffset offsetOf(ActivityMesg activity) {
    if (activity.getLocalTimestamp() == null || activity.getTimestamp() == null) {
      return null;
    }
    long utc = activity.getTimestamp().getTimestamp();
    long seconds = activity.getLocalTimestamp() - utc;
    long quarters = Math.round(seconds / 900.0);
    if (Math.abs(quarters * 900) > 18 * 3600) {
      return null;
    }
    return ZoneOffset.ofTotalSeconds((int) (quarters * 900));
  }
}
