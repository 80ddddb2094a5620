package org.vitalake.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

/**
 * The behaviour every {@link ConsentStore} must have; an adapter's test extends this class and
 * implements {@link #createStore()}. Every test works on fresh random user ids, so an adapter may
 * share one table between tests.
 */
public abstract class ConsentStoreContract {

  protected static final Instant T0 = Instant.parse("2024-03-10T06:00:00.250Z");

  protected final UserId alice = UserId.random();
  protected final UserId bob = UserId.random();

  protected ConsentStore store;

  /** Creates the store under test; called before each test. */
  protected abstract ConsentStore createStore();

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore();
  }

  @Test
  void findsNothingForAUserWhoNeverDecided() {
    assertThat(store.findAll(alice)).isEmpty();
  }

  @Test
  void readsBackEveryFieldOrderedByPurposeAndVersion() {
    // given
    ConsentDecision withdrawn =
        new ConsentDecision(alice, Purpose.RESEARCH, 2, false, null, T0.plusSeconds(60));
    ConsentDecision granted = new ConsentDecision(alice, Purpose.RESEARCH, 1, true, "2024-01", T0);
    ConsentDecision coaching = new ConsentDecision(alice, Purpose.COACHING, 1, true, "2024-01", T0);

    // when
    store.append(List.of(withdrawn, granted));
    store.append(List.of(coaching));

    // then
    assertThat(store.findAll(alice)).containsExactly(coaching, granted, withdrawn);
    assertThat(store.findAll(bob)).isEmpty();
  }

  @Test
  void aDecisionDeliveredTwiceIsReadOnce() {
    // given
    ConsentDecision decision = new ConsentDecision(bob, Purpose.COACHING, 1, false, null, T0);

    // when
    store.append(List.of(decision));
    store.append(List.of(decision));

    // then
    assertThat(store.findAll(bob)).containsExactly(decision);
  }
}
