package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.ingest.importer.cli.ImportClient;
import org.vitalake.ingest.importer.cli.ImportClient.Target;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.profile.IcebergProfileStore;

/**
 * Imports whose timestamps carry no zone land at the instants of the zone of the user's profile, as
 * identity publishes it to {@code bronze.user_profiles}, unless the request names a zone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTimeZoneIT {

  /** A Fitabase table of 67 weight logs of 8 participants; {@code Date} has no zone. */
  private static final Path WEIGHT_LOG =
      SharedData.file("fitabase/fitabase_4.12-5.12/weightLogInfo_merged.csv");

  private static final DateTimeFormatter FITABASE_TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private IngestStack stack;
  private TableScanner scanner;
  private ProfileStore profiles;
  private ImportClient service;

  @BeforeAll
  void start() {
    stack = IngestStack.start(Map.of());
    scanner = stack.scanner();
    profiles = new IcebergProfileStore(stack.lakehouse().lakehouse());
    service =
        new ImportClient(stack.server().uri(), () -> stack.jwks().token("vitalake-cli", "service"));
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** A user whose profile, as identity publishes it, names {@code zone}. */
  private String userLivingIn(ZoneId zone) {
    String user = "u-" + UUID.randomUUID();
    profiles.append(
        new UserProfile(UserId.of(user), 1985, null, 170.0, 70.0, zone, List.of(), Instant.now()));
    return user;
  }

  /** The instants of a participant's weight logs: the file's local times read in {@code zone}. */
  private static Set<Instant> logTimes(String participant, ZoneId zone) throws IOException {
    List<String> lines = Files.readAllLines(WEIGHT_LOG, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).strip().split(","));
    int id = header.indexOf("Id");
    int date = header.indexOf("Date");
    return lines.stream()
        .skip(1)
        .filter(line -> !line.isBlank())
        .map(line -> line.strip().split(","))
        .filter(fields -> participant == null || fields[id].equals(participant))
        .map(fields -> LocalDateTime.parse(fields[date], FITABASE_TIME).atZone(zone).toInstant())
        .collect(Collectors.toSet());
  }

  private Set<Instant> bronzeStartTimes(String user) {
    return scanner
        .scan(LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal("user_id", user))
        .stream()
        .map(row -> ((OffsetDateTime) row.getField("start_time")).toInstant())
        .collect(Collectors.toSet());
  }

  private ImportStatusResponse awaitDone(ImportStatusResponse started) throws Exception {
    ImportStatusResponse done = service.await(started.importId(), s -> {}, Duration.ofMillis(100));
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(done.accepted()).isPositive();
    return done;
  }

  @Test
  void readsAUsersFitabaseTimestampsInTheZoneOfTheirProfile() throws Exception {
    // given: a profile zone other than the format's default
    String user = userLivingIn(BERLIN);
    assertThat(ImportFormat.FITABASE.defaultZone()).isNotEqualTo(BERLIN);

    // when: the request names no zone
    ImportStatusResponse done =
        awaitDone(
            service.uploadMultipart(WEIGHT_LOG, new Target("fitabase", user, Map.of(), null)));

    // then
    assertThat(bronzeStartTimes(user)).isEqualTo(logTimes(null, BERLIN));
    assertThat(done.timeZone()).isEqualTo(BERLIN.getId());
    assertThat(done.timeZoneSource()).isEqualTo("profile");
    assertThat(service.status(done.importId()).timeZone()).isEqualTo(BERLIN.getId());
  }

  @Test
  void readsInTheZoneTheRequestNamesOverTheProfiles() throws Exception {
    // given
    String user = userLivingIn(BERLIN);

    // when
    ImportStatusResponse done =
        awaitDone(
            service.uploadMultipart(
                WEIGHT_LOG, new Target("fitabase", user, Map.of(), TOKYO.getId())));

    // then
    assertThat(bronzeStartTimes(user)).isEqualTo(logTimes(null, TOKYO));
    assertThat(done.timeZone()).isEqualTo(TOKYO.getId());
    assertThat(done.timeZoneSource()).isEqualTo("request");
  }

  @Test
  void readsEachMappedParticipantInTheZoneOfTheirOwnUsersProfile() throws Exception {
    // given: one participant's user lives in Tokyo, the other's has no profile
    String tokyo = userLivingIn(TOKYO);
    String noProfile = "u-" + UUID.randomUUID();
    ZoneId fallback = ImportFormat.FITABASE.defaultZone();
    Map<String, String> userMap = Map.of("1503960366", tokyo, "1927972279", noProfile);

    // when: uploaded in parts, so the parts are read once for each zone
    ImportStatusResponse done =
        awaitDone(service.upload(WEIGHT_LOG, new Target("fitabase", null, userMap, null), n -> {}));

    // then
    assertThat(bronzeStartTimes(tokyo)).isEqualTo(logTimes("1503960366", TOKYO));
    assertThat(bronzeStartTimes(noProfile)).isEqualTo(logTimes("1927972279", fallback));
    assertThat(done.timeZone()).isNull();
    assertThat(done.participantTimeZones())
        .containsEntry(
            "1503960366", new ImportStatusResponse.TimeZoneResponse(TOKYO.getId(), "profile"))
        .containsEntry(
            "1927972279",
            new ImportStatusResponse.TimeZoneResponse(fallback.getId(), "format-default"));
    assertThat(done.bytesRead()).isEqualTo(done.bytesTotal());
  }
}
