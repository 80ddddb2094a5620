package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.InMemoryProfileStore;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.core.profile.UserProfile;

class ImportTimeZonesTest {

  private static final Instant START = Instant.parse("2026-03-14T10:15:30Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final UserId USER = UserId.of("u-1");
  private static final Duration TTL = Duration.ofMinutes(1);

  private final InMemoryProfileStore profiles = new InMemoryProfileStore();
  private final SettableClock clock = new SettableClock();
  private final ImportTimeZones timeZones = new ImportTimeZones(profiles, TTL, clock);

  private void saveProfile(ZoneId zone, Instant updatedAt) {
    profiles.append(new UserProfile(USER, 1990, null, null, null, zone, List.of(), updatedAt));
  }

  @Test
  void readsInTheRequestedZoneEvenWhenTheProfileNamesAnother() {
    // given
    saveProfile(BERLIN, START);

    // when
    ImportTimeZone chosen = timeZones.choose(ImportFormat.FITABASE, TOKYO, USER);

    // then
    assertThat(chosen).isEqualTo(new ImportTimeZone(TOKYO, ImportTimeZone.Source.REQUEST));
  }

  @Test
  void readsInTheProfileZoneWhenTheRequestNamesNone() {
    // given
    saveProfile(BERLIN, START);

    // when
    ImportTimeZone chosen = timeZones.choose(ImportFormat.FITABASE, null, USER);

    // then
    assertThat(chosen).isEqualTo(new ImportTimeZone(BERLIN, ImportTimeZone.Source.PROFILE));
    assertThat(chosen.zone()).isNotEqualTo(ImportFormat.FITABASE.defaultZone());
  }

  @Test
  void readsInTheFormatDefaultForAUserWithoutAProfile() {
    // when
    ImportTimeZone fitabase = timeZones.choose(ImportFormat.FITABASE, null, USER);
    ImportTimeZone fitbit = timeZones.choose(ImportFormat.FITBIT_JSON, null, USER);

    // then
    assertThat(fitabase)
        .isEqualTo(
            new ImportTimeZone(
                ImportFormat.FITABASE.defaultZone(), ImportTimeZone.Source.FORMAT_DEFAULT));
    assertThat(fitbit)
        .isEqualTo(
            new ImportTimeZone(
                ImportFormat.FITBIT_JSON.defaultZone(), ImportTimeZone.Source.FORMAT_DEFAULT));
  }

  @Test
  void readsInTheFormatDefaultWhenTheProfileNamesNoZone() {
    // given
    saveProfile(null, START);

    // when
    ImportTimeZone chosen = timeZones.choose(ImportFormat.GOOGLE_FIT, null, USER);

    // then
    assertThat(chosen)
        .isEqualTo(
            new ImportTimeZone(
                ImportFormat.GOOGLE_FIT.defaultZone(), ImportTimeZone.Source.FORMAT_DEFAULT));
  }

  @Test
  void usesTheLatestProfileWhateverTheOrderItArrivedIn() {
    // given
    saveProfile(TOKYO, START.minusSeconds(60));
    saveProfile(BERLIN, START);
    saveProfile(ZoneId.of("America/Chicago"), START.minusSeconds(3600));

    // when
    ImportTimeZone chosen = timeZones.choose(ImportFormat.FITABASE, null, USER);

    // then
    assertThat(chosen.zone()).isEqualTo(BERLIN);
  }

  @Test
  void seesAChangedProfileOnceTheCachedZoneHasExpired() {
    // given: an import has read the profile
    saveProfile(BERLIN, START);
    timeZones.choose(ImportFormat.FITABASE, null, USER);
    saveProfile(TOKYO, START.plusSeconds(1));

    // when
    ImportTimeZone withinTtl = timeZones.choose(ImportFormat.FITABASE, null, USER);
    clock.now = START.plus(TTL);
    ImportTimeZone afterTtl = timeZones.choose(ImportFormat.FITABASE, null, USER);

    // then
    assertThat(withinTtl.zone()).isEqualTo(BERLIN);
    assertThat(afterTtl.zone()).isEqualTo(TOKYO);
  }

  @Test
  void readsTheProfileForEveryImportWhenTheCacheIsOff() {
    // given
    ImportTimeZones uncached = new ImportTimeZones(profiles, Duration.ZERO, clock);
    saveProfile(BERLIN, START);
    uncached.choose(ImportFormat.FITABASE, null, USER);
    saveProfile(TOKYO, START.plusSeconds(1));

    // when
    ImportTimeZone chosen = uncached.choose(ImportFormat.FITABASE, null, USER);

    // then
    assertThat(chosen.zone()).isEqualTo(TOKYO);
  }

  @Test
  void doesNotReadTheProfileWhenTheRequestNamesTheZone() {
    // given: a profile store that cannot be read
    ProfileStore unreachable =
        new ProfileStore() {
          @Override
          public void append(UserProfile profile) {}

          @Override
          public Optional<UserProfile> findLatest(UserId userId) {
            throw new IllegalStateException("object store unreachable");
          }
        };
    ImportTimeZones chooser = new ImportTimeZones(unreachable, TTL, clock);

    // when / then
    assertThat(chooser.choose(ImportFormat.PMDATA, BERLIN, USER).source())
        .isEqualTo(ImportTimeZone.Source.REQUEST);
    assertThatThrownBy(() -> chooser.choose(ImportFormat.PMDATA, null, USER))
        .hasMessageContaining("unreachable");
  }

  @Test
  void refusesANegativeCacheTtl() {
    assertThatThrownBy(() -> new ImportTimeZones(profiles, Duration.ofSeconds(-1), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("profile-cache-ttl");
  }

  private static final class SettableClock extends Clock {
    private Instant now = START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
