package org.vitalake.identity.auth.key;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.identity.IdentityProperties;
import org.vitalake.identity.audit.AuditEvent;
import org.vitalake.identity.audit.AuditLog;
import org.vitalake.identity.auth.key.JdbcSigningKeyRepository.StoredKey;
import org.vitalake.identity.auth.key.SigningKey.KeySource;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.problem.ProblemException;

/**
 * The key ring: one active RS256 key that signs, plus the keys it replaced, which stay published
 * (JWKS) and accepted until every token they signed has expired.
 *
 * <p>The active key is {@code VITALAKE_SIGNING_KEY_PEM} when set; otherwise it is generated once
 * and stored in the identity database, encrypted with {@code VITALAKE_SIGNING_KEY_PASSWORD}, so
 * restarts keep issued tokens valid. Loaded eagerly so a misconfiguration stops the start.
 */
@Context
public class SigningKeyService {

  /** Tolerated clock difference between identity and the services validating its tokens. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** Used only in the {@code dev} and {@code test} environments, never in production. */
  private static final String DEV_ONLY_PASSWORD = "vitalake-dev-and-test-only-signing-password";

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeyService.class);

  private final Transactions transactions;
  private final JdbcSigningKeyRepository repository;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration accessTokenTtl;
  private final SigningKeyCipher cipher;
  private final RsaKeys.Pair environmentKey;
  private volatile Ring ring;

  /** The keys in memory: all that are published, the active one with its private key. */
  private record Ring(SigningKey active, List<SigningKey> keys) {}

  public SigningKeyService(
      IdentityProperties properties,
      Environment environment,
      Transactions transactions,
      JdbcSigningKeyRepository repository,
      AuditLog audit,
      Clock clock) {
    this.transactions = transactions;
    this.repository = repository;
    this.audit = audit;
    this.clock = clock;
    this.accessTokenTtl = properties.accessTokenTtl();
    this.environmentKey =
        IdentityProperties.isSet(properties.signingKeyPem())
            ? RsaKeys.parsePkcs8Pem(properties.signingKeyPem())
            : null;
    this.cipher = createCipher(properties, environment, environmentKey != null);
    this.ring = environmentKey != null ? adoptEnvironmentKey() : loadOrGenerate();
    LOG.info("signing with key {} ({})", ring.active().kid(), ring.active().source());
  }

  private static SigningKeyCipher createCipher(
      IdentityProperties properties, Environment environment, boolean keyFromEnvironment) {
    if (IdentityProperties.isSet(properties.signingKeyPassword())) {
      return new SigningKeyCipher(properties.signingKeyPassword().toCharArray());
    }
    var active = environment.getActiveNames();
    if (active.contains(Environment.TEST) || active.contains(Environment.DEVELOPMENT)) {
      return new SigningKeyCipher(DEV_ONLY_PASSWORD.toCharArray());
    }
    if (keyFromEnvironment) {
      return null;
    }
    throw new ConfigurationException(
        "VITALAKE_SIGNING_KEY_PASSWORD is not set: it encrypts the JWT signing key stored in the"
            + " identity database (or set VITALAKE_SIGNING_KEY_PEM to supply the key). Only the"
            + " dev and test environments have a built-in password.");
  }

  /** The key that signs new tokens. */
  public SigningKey activeKey() {
    return ring.active();
  }

  /** Every key whose tokens may still be valid: the JWKS contents. */
  public List<SigningKey> publishedKeys() {
    Instant now = clock.instant();
    return ring.keys().stream().filter(key -> key.isPublishedAt(now)).toList();
  }

  /** The published key with this id, if any. */
  public Optional<SigningKey> findPublished(String kid) {
    return publishedKeys().stream().filter(key -> key.kid().equals(kid)).findFirst();
  }

  /**
   * Generates a new key that signs from now on; the previous one stays published until its last
   * token expires.
   */
  public synchronized SigningKey rotate(String actor) {
    if (environmentKey != null) {
      throw ProblemException.conflict(
          null,
          "the signing key is supplied by VITALAKE_SIGNING_KEY_PEM; rotate it by changing that"
              + " variable and restarting (the previous key stays published automatically)");
    }
    String previous = ring.active().kid();
    Ring rotated =
        transactions.inTransaction(
            connection -> {
              List<StoredKey> stored = repository.findAll(connection);
              RsaKeys.Pair generated = insertGenerated(connection, stored);
              return toRing(repository.findAll(connection), generated);
            });
    ring = rotated;
    audit.record(
        AuditEvent.KEY_ROTATED,
        null,
        actor,
        null,
        "previous=" + previous + " active=" + rotated.active().kid());
    return rotated.active();
  }

  private Ring loadOrGenerate() {
    return transactions.inTransaction(
        connection -> {
          List<StoredKey> stored = repository.findAll(connection);
          Optional<StoredKey> active = newestActive(stored);
          if (active.isPresent() && active.get().encryptedPrivateKey() != null) {
            StoredKey key = active.get();
            var privateKey =
                RsaKeys.decodePrivate(cipher.decrypt(key.kid(), key.encryptedPrivateKey()));
            retireAllBut(connection, stored, key.kid());
            return toRing(
                repository.findAll(connection),
                new RsaKeys.Pair(RsaKeys.decodePublic(key.publicKey()), privateKey));
          }
          // First start, or the operator removed VITALAKE_SIGNING_KEY_PEM: a stored key takes over.
          RsaKeys.Pair generated = insertGenerated(connection, stored);
          return toRing(repository.findAll(connection), generated);
        });
  }

  private Ring adoptEnvironmentKey() {
    String kid = RsaKeys.thumbprint(environmentKey.publicKey());
    return transactions.inTransaction(
        connection -> {
          Instant now = clock.instant();
          List<StoredKey> stored = repository.findAll(connection);
          Optional<StoredKey> existing =
              stored.stream().filter(key -> key.kid().equals(kid)).findFirst();
          if (existing.isEmpty()) {
            repository.insert(
                connection,
                new StoredKey(
                    kid,
                    RsaKeys.encodePublic(environmentKey.publicKey()),
                    null,
                    KeySource.ENVIRONMENT,
                    now,
                    now,
                    null,
                    null));
          } else if (existing.get().retiredAt() != null) {
            repository.reactivate(connection, kid, now);
          }
          retireAllBut(connection, stored, kid);
          return toRing(repository.findAll(connection), environmentKey);
        });
  }

  private RsaKeys.Pair insertGenerated(Connection connection, List<StoredKey> stored)
      throws SQLException {
    RsaKeys.Pair pair = RsaKeys.generate();
    String kid = RsaKeys.thumbprint(pair.publicKey());
    Instant now = clock.instant();
    repository.insert(
        connection,
        new StoredKey(
            kid,
            RsaKeys.encodePublic(pair.publicKey()),
            cipher.encrypt(kid, pair.privateKey().getEncoded()),
            KeySource.GENERATED,
            now,
            now,
            null,
            null));
    retireAllBut(connection, stored, kid);
    return pair;
  }

  private void retireAllBut(Connection connection, List<StoredKey> stored, String kid)
      throws SQLException {
    Instant now = clock.instant();
    for (StoredKey key : stored) {
      if (key.retiredAt() == null && !key.kid().equals(kid)) {
        repository.retire(connection, key.kid(), now, now.plus(accessTokenTtl).plus(CLOCK_SKEW));
      }
    }
  }

  private static Optional<StoredKey> newestActive(List<StoredKey> stored) {
    return stored.stream()
        .filter(key -> key.retiredAt() == null)
        .max(Comparator.comparing(StoredKey::activatedAt));
  }

  private static Ring toRing(List<StoredKey> stored, RsaKeys.Pair activePair) {
    String activeKid = RsaKeys.thumbprint(activePair.publicKey());
    SigningKey active = null;
    List<SigningKey> keys = new java.util.ArrayList<>();
    for (StoredKey key : stored) {
      boolean isActive = key.kid().equals(activeKid);
      SigningKey signingKey =
          new SigningKey(
              key.kid(),
              isActive ? activePair.publicKey() : RsaKeys.decodePublic(key.publicKey()),
              isActive ? activePair.privateKey() : null,
              key.source(),
              key.activatedAt(),
              key.retiredAt(),
              key.publishedUntil());
      keys.add(signingKey);
      if (isActive) {
        active = signingKey;
      }
    }
    if (active == null) {
      throw new IllegalStateException("the active signing key " + activeKid + " was not stored");
    }
    return new Ring(active, List.copyOf(keys));
  }
}
