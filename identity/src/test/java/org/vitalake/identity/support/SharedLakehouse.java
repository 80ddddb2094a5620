package org.vitalake.identity.support;

import org.vitalake.lakehouse.local.LocalLakehouse;

/**
 * One real throwaway lakehouse (S3 API server + SQLite Iceberg catalog) for every server of the
 * test JVM; started on first use, deleted when the JVM exits.
 */
public final class SharedLakehouse {

  private static LocalLakehouse instance;

  private SharedLakehouse() {}

  public static synchronized LocalLakehouse get() {
    if (instance == null) {
      instance = LocalLakehouse.start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "lakehouse-stop"));
    }
    return instance;
  }
}
