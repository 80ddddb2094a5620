package org.vitalake.core.readiness;

/** Which registered model produced a prediction, e.g. {@code readiness-regression} {@code v3}. */
public record ModelRef(String id, String version) {

  public ModelRef {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank");
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("model version of " + id + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return id + " " + version;
  }
}
