package org.vitalake.lakehouse.consent;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.iceberg.expressions.Expressions;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.ConsentStore;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;

/**
 * {@link ConsentStore} on {@code bronze.user_consents}: appends only; a decision delivered twice is
 * read once, by user, purpose and version.
 */
public final class IcebergConsentStore implements ConsentStore {

  private final TableAppender appender;
  private final TableScanner scanner;

  public IcebergConsentStore(Lakehouse lakehouse) {
    Objects.requireNonNull(lakehouse, "lakehouse");
    this.appender = new TableAppender(lakehouse);
    this.scanner = new TableScanner(lakehouse);
  }

  @Override
  public void append(List<ConsentDecision> decisions) {
    if (!decisions.isEmpty()) {
      appender.append(
          LakehouseTables.USER_CONSENTS, decisions.stream().map(BronzeRecords::consent).toList());
    }
  }

  @Override
  public List<ConsentDecision> findAll(UserId userId) {
    TreeMap<String, ConsentDecision> once = new TreeMap<>();
    scanner
        .scan(LakehouseTables.USER_CONSENTS.id(), Expressions.equal("user_id", userId.value()))
        .stream()
        .map(BronzeRecords::parseConsent)
        .forEach(d -> once.putIfAbsent(d.purpose() + "|" + d.version(), d));
    return once.values().stream()
        .sorted(
            Comparator.comparing(ConsentDecision::purpose)
                .thenComparingInt(ConsentDecision::version))
        .toList();
  }
}
