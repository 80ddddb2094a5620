package org.vitalake.ingest.support;

import java.util.Map;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

/**
 * The real components an ingest IT runs against: its own local lakehouse (S3 server and catalog), a
 * JWKS that signs test tokens, and ingest-api on a random port; closed in reverse order.
 */
public final class IngestStack implements AutoCloseable {

  private final LocalLakehouse lakehouse;
  private final JwksFixture jwks;
  private final IngestTestServer server;
  private final TableScanner scanner;

  private IngestStack(LocalLakehouse lakehouse, JwksFixture jwks, IngestTestServer server) {
    this.lakehouse = lakehouse;
    this.jwks = jwks;
    this.server = server;
    this.scanner = new TableScanner(lakehouse.lakehouse());
  }

  /** Starts the stack, with {@code properties} overriding the service's configuration. */
  public static IngestStack start(Map<String, Object> properties) {
    LocalLakehouse lakehouse = LocalLakehouse.start();
    JwksFixture jwks = null;
    try {
      jwks = new JwksFixture();
      return new IngestStack(lakehouse, jwks, new IngestTestServer(lakehouse, jwks, properties));
    } catch (RuntimeException e) {
      if (jwks != null) {
        jwks.close();
      }
      lakehouse.close();
      throw e;
    }
  }

  public LocalLakehouse lakehouse() {
    return lakehouse;
  }

  public JwksFixture jwks() {
    return jwks;
  }

  public IngestTestServer server() {
    return server;
  }

  public TableScanner scanner() {
    return scanner;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        jwks.close();
      } finally {
        lakehouse.close();
      }
    }
  }
}
