package org.vitalake.identity.outbox;

import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.ConsentStore;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.identity.consent.JdbcConsentRepository;
import org.vitalake.identity.erasure.ErasureRequest;
import org.vitalake.identity.erasure.ErasureRequestStore;
import org.vitalake.identity.jdbc.Rows;
import org.vitalake.identity.jdbc.Transactions;

/**
 * Carries profile snapshots, consent decisions and erasure requests to the lakehouse. Each is
 * written to {@code lakehouse_outbox} in the transaction of the change it describes, then published
 * in order: in the background right after the request (so a slow object store never slows a
 * response), and again on a timer while the lakehouse is unreachable.
 */
@Singleton
public class LakehouseOutbox {

  static final String PROFILE = "profile_snapshot";
  static final String ERASURE = "erasure_request";
  static final String CONSENT = "consent_decisions";

  /**
   * Queued once by migration V2: publishes every decision recorded before identity published
   * consents, read when it is published. Decisions recorded later are queued on their own too, so
   * some may be delivered twice, which readers allow for.
   */
  static final String CONSENT_BACKFILL = "consent_backfill";

  private static final int BATCH = 100;
  private static final Logger LOG = LoggerFactory.getLogger(LakehouseOutbox.class);

  private final Transactions transactions;
  private final JsonMapper json;
  private final Clock clock;
  private final BeanProvider<ProfileStore> profiles;
  private final BeanProvider<ErasureRequestStore> erasures;
  private final BeanProvider<ConsentStore> consents;
  private final JdbcConsentRepository consentRecords;
  private final ExecutorService executor;
  private final AtomicBoolean publishQueued = new AtomicBoolean();
  private volatile boolean closed;

  public LakehouseOutbox(
      Transactions transactions,
      JsonMapper json,
      Clock clock,
      BeanProvider<ProfileStore> profiles,
      BeanProvider<ErasureRequestStore> erasures,
      BeanProvider<ConsentStore> consents,
      JdbcConsentRepository consentRecords,
      @Named(TaskExecutors.IO) ExecutorService executor) {
    this.executor = executor;
    this.transactions = transactions;
    this.json = json;
    this.clock = clock;
    this.profiles = profiles;
    this.erasures = erasures;
    this.consents = consents;
    this.consentRecords = consentRecords;
  }

  /** Queues a profile snapshot in the caller's transaction. */
  public void enqueue(Connection connection, UserProfile profile) throws SQLException {
    insert(connection, PROFILE, profile.userId(), write(OutboxPayloads.ProfilePayload.of(profile)));
  }

  /** Queues an erasure request in the caller's transaction. */
  public void enqueue(Connection connection, ErasureRequest request) throws SQLException {
    insert(connection, ERASURE, request.userId(), write(OutboxPayloads.ErasurePayload.of(request)));
  }

  /** Queues a user's new consent decisions in the caller's transaction. */
  public void enqueue(Connection connection, UserId userId, List<ConsentDecision> decisions)
      throws SQLException {
    if (!decisions.isEmpty()) {
      insert(
          connection, CONSENT, userId, write(OutboxPayloads.ConsentPayload.of(userId, decisions)));
    }
  }

  /**
   * Profile snapshots and consent decisions are dropped with the account they describe: those not
   * yet published never reach the lakehouse, and the published ones are copies of data the erasure
   * request removes from the lakehouse too.
   */
  public void discardUserData(Connection connection, UserId userId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM lakehouse_outbox WHERE user_id = ? AND kind IN (?, ?)")) {
      delete.setString(1, userId.value());
      delete.setString(2, PROFILE);
      delete.setString(3, CONSENT);
      delete.executeUpdate();
    }
  }

  /** Starts publishing in the background unless a publish is already queued. */
  public void publishSoon() {
    if (publishQueued.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            publishQueued.set(false);
            try {
              publishPending();
            } catch (RuntimeException e) {
              LOG.warn("publishing the lakehouse outbox failed; will retry: {}", e.toString());
            }
          });
    }
  }

  /**
   * Publishes pending rows oldest first and stops at the first failure, so rows reach the lakehouse
   * in the order they were written.
   *
   * @return how many rows were published
   */
  @Scheduled(fixedDelay = "${vitalake.identity.outbox-retry:30s}", initialDelay = "5s")
  public synchronized int publishPending() {
    int published = 0;
    if (closed) {
      return published;
    }
    while (true) {
      List<Pending> batch = transactions.inTransaction(this::findPending);
      if (batch.isEmpty() || closed) {
        return published;
      }
      for (Pending row : batch) {
        try {
          publish(row);
        } catch (RuntimeException e) {
          LOG.warn(
              "could not publish {} #{} to the lakehouse (attempt {}); will retry: {}",
              row.kind(),
              row.id(),
              row.attempts() + 1,
              e.toString());
          transactions.inTransaction(c -> markFailed(c, row.id(), e.toString()));
          return published;
        }
        transactions.inTransaction(c -> markPublished(c, row.id()));
        published++;
      }
    }
  }

  /** Stops publishing once the service shuts down; pending rows wait for the next start. */
  @PreDestroy
  void close() {
    closed = true;
  }

  /** Rows not yet in the lakehouse. */
  public int countPending() {
    return transactions.inTransaction(
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM lakehouse_outbox WHERE published_at IS NULL");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  private void publish(Pending row) {
    try {
      switch (row.kind()) {
        case PROFILE ->
            profiles
                .get()
                .append(
                    json.readValue(row.payload(), OutboxPayloads.ProfilePayload.class).toProfile());
        case ERASURE ->
            erasures
                .get()
                .append(
                    json.readValue(row.payload(), OutboxPayloads.ErasurePayload.class).toRequest());
        case CONSENT ->
            consents
                .get()
                .append(
                    json.readValue(row.payload(), OutboxPayloads.ConsentPayload.class)
                        .toDecisions());
        case CONSENT_BACKFILL ->
            consents.get().append(transactions.inTransaction(consentRecords::findEveryDecision));
        default -> throw new IllegalStateException("unknown outbox kind " + row.kind());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Pending(long id, String kind, String payload, int attempts) {}

  private List<Pending> findPending(Connection connection) throws SQLException {
    List<Pending> rows = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, kind, payload, attempts FROM lakehouse_outbox WHERE published_at IS NULL"
                + " ORDER BY id")) {
      select.setMaxRows(BATCH);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Pending(
                  rs.getLong("id"),
                  rs.getString("kind"),
                  rs.getString("payload"),
                  rs.getInt("attempts")));
        }
      }
    }
    return rows;
  }

  private Void markPublished(Connection connection, long id) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE lakehouse_outbox SET published_at = ?, last_error = NULL WHERE id = ?")) {
      Rows.setInstant(update, 1, clock.instant());
      update.setLong(2, id);
      update.executeUpdate();
    }
    return null;
  }

  private Void markFailed(Connection connection, long id, String error) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE lakehouse_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
      update.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
      update.setLong(2, id);
      update.executeUpdate();
    }
    return null;
  }

  private void insert(Connection connection, String kind, UserId userId, String payload)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO lakehouse_outbox (kind, user_id, payload, created_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, kind);
      insert.setString(2, userId.value());
      insert.setString(3, payload);
      Rows.setInstant(insert, 4, clock.instant());
      insert.executeUpdate();
    }
  }

  private String write(Object payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
