package org.vitalake.core.metric;

import java.util.List;

/** A known unit that cannot express the metric it was sent with, e.g. {@code kg} for heart rate. */
public final class IncompatibleUnitException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final Metric metric;
  private final Unit unit;

  /** Creates the exception for {@code unit} sent with {@code metric}. */
  public IncompatibleUnitException(Metric metric, Unit unit) {
    super(
        "unit '"
            + unit.symbol()
            + "' cannot express "
            + metric.code()
            + "; accepted units: "
            + String.join(", ", symbols(metric)));
    this.metric = metric;
    this.unit = unit;
  }

  /** The metric the unit was sent with. */
  public Metric metric() {
    return metric;
  }

  /** The unit that cannot express it. */
  public Unit unit() {
    return unit;
  }

  private static List<String> symbols(Metric metric) {
    return metric.acceptedUnits().stream().map(Unit::symbol).toList();
  }
}
