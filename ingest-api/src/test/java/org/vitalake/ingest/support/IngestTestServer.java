package org.vitalake.ingest.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.vitalake.ingest.bench.IngestClient;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.local.LocalLakehouse;

/**
 * The real ingest application on a random port, wired to a {@link LocalLakehouse} and a {@link
 * JwksFixture}; can be stopped and started again on the same lakehouse.
 */
public final class IngestTestServer implements AutoCloseable {

  private final Map<String, Object> properties;
  private EmbeddedServer server;

  public IngestTestServer(
      LocalLakehouse lakehouse, JwksFixture jwks, Map<String, Object> overrides) {
    LakehouseProperties p = lakehouse.properties();
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("micronaut.security.token.jwt.signatures.jwks.identity.url", jwks.url());
    props.put("vitalake.home", lakehouse.root().toString());
    props.put("vitalake.catalog.name", p.catalogName());
    props.put("vitalake.catalog.uri", p.catalogUri());
    props.put("vitalake.warehouse", p.warehouse());
    props.put("vitalake.s3.endpoint", p.s3Endpoint());
    props.put("vitalake.s3.region", p.region());
    props.put("vitalake.s3.access.key", p.accessKey());
    props.put("vitalake.s3.secret.key", p.secretKey());
    props.put("vitalake.raw.bucket", p.rawBucket());
    props.put("vitalake.ingest.commit-max-delay", "100ms");
    props.putAll(overrides);
    this.properties = Map.copyOf(props);
    start();
  }

  /** Starts the application (again). */
  public void start() {
    server = ApplicationContext.run(EmbeddedServer.class, properties);
  }

  /** Stops the application, which commits what was already submitted. */
  public void stop() {
    if (server != null) {
      server.getApplicationContext().close();
      server = null;
    }
  }

  public URI uri() {
    return server.getURI();
  }

  public IngestClient client() {
    return IngestClient.create(uri());
  }

  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  @Override
  public void close() {
    stop();
  }
}
