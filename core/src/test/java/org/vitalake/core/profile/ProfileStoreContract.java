package org.vitalake.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

/**
 * The behaviour every {@link ProfileStore} must have; an adapter's test extends this class and
 * implements {@link #createStore()}.
 *
 * <p>Every test works on fresh random user ids, so an adapter may share one table between tests.
 * Timestamps are whole milliseconds, which every timestamp column keeps exactly.
 */
public abstract class ProfileStoreContract {

  protected static final Instant T0 = Instant.parse("2024-03-10T06:00:00.250Z");

  protected final UserId alice = UserId.random();
  protected final UserId bob = UserId.random();

  protected ProfileStore store;

  /** Creates the store under test; called before each test. */
  protected abstract ProfileStore createStore();

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore();
  }

  protected static UserProfile profile(UserId user, double weightKg, Instant updatedAt) {
    return new UserProfile(
        user,
        1987,
        Sex.FEMALE,
        171.5,
        weightKg,
        ZoneId.of("Europe/Oslo"),
        List.of("sleep_better", "run_10k"),
        updatedAt);
  }

  @Test
  void findsNothingForAUserWithoutProfile() {
    assertThat(store.findLatest(alice)).isEmpty();
  }

  @Test
  void readsBackEveryFieldOfWhatWasAppended() {
    // given
    UserProfile profile = profile(alice, 64.2, T0);

    // when
    store.append(profile);

    // then
    assertThat(store.findLatest(alice)).contains(profile);
  }

  @Test
  void keepsAbsentOptionalFieldsAbsent() {
    // given
    UserProfile bare = new UserProfile(alice, null, null, null, null, null, null, T0);

    // when
    store.append(bare);

    // then
    assertThat(store.findLatest(alice)).contains(bare);
  }

  @Test
  void latestUpdateWins() {
    // given
    UserProfile older = profile(alice, 66.0, T0);
    UserProfile newer = profile(alice, 64.0, T0.plus(Duration.ofDays(30)));

    // when
    store.append(older);
    store.append(newer);

    // then
    assertThat(store.findLatest(alice)).contains(newer);
  }

  @Test
  void latestUpdateWinsEvenWhenAppendedFirst() {
    // given a late delivery of an older version
    UserProfile newer = profile(alice, 64.0, T0.plus(Duration.ofDays(30)));
    UserProfile older = profile(alice, 66.0, T0);

    // when
    store.append(newer);
    store.append(older);

    // then
    assertThat(store.findLatest(alice)).contains(newer);
  }

  @Test
  void keepsUsersApart() {
    // given
    UserProfile alices = profile(alice, 60.0, T0);
    UserProfile bobs = profile(bob, 85.0, T0.plusSeconds(1));

    // when
    store.append(alices);
    store.append(bobs);

    // then
    assertThat(store.findLatest(alice)).contains(alices);
    assertThat(store.findLatest(bob)).contains(bobs);
    assertThat(store.findLatest(UserId.random())).isEmpty();
  }
}
