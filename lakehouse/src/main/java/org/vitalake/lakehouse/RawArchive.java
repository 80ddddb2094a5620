package org.vitalake.lakehouse;

import com.google.common.collect.ImmutableMultimap;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.credentials.Credentials;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InternalException;
import io.minio.http.HttpUtils;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.vitalake.core.id.UserId;

/**
 * The archive of raw payloads exactly as they arrived (sync requests, journal entries, imported
 * export files), in the raw bucket, so bronze can always be rebuilt from them.
 *
 * <p>Keys start with the user ({@code raw/<user>/<kind>/<date>/<id>.<ext>}) so erasing a user is
 * one prefix delete. Payloads are referenced from bronze rows as {@code s3://<bucket>/<key>}.
 */
public final class RawArchive implements AutoCloseable {

  private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}(\\.[a-z0-9]{1,10})?");

  /**
   * Requests to the S3 endpoint in flight at once. The minio client sends every request through
   * OkHttp's asynchronous dispatcher, whose default (5 per host) would let only five concurrent
   * sync requests archive their bodies at a time, whatever the cores could do.
   */
  static final int MAX_CONCURRENT_REQUESTS = 64;

  private static final long TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

  private final OkHttpClient http;
  private final MinioClient client;
  private final ByteArrayPuts puts;
  private final String bucket;

  /** An archive in {@link LakehouseProperties#rawBucket()} on the lakehouse's S3 endpoint. */
  public RawArchive(LakehouseProperties properties) {
    this.bucket = properties.rawBucket();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_CONCURRENT_REQUESTS);
    dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_REQUESTS);
    this.http =
        HttpUtils.newDefaultHttpClient(TIMEOUT_MILLIS, TIMEOUT_MILLIS, TIMEOUT_MILLIS)
            .newBuilder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(MAX_CONCURRENT_REQUESTS, 5, TimeUnit.MINUTES))
            .build();
    this.client =
        MinioClient.builder()
            .endpoint(properties.s3Endpoint())
            .region(properties.region())
            .credentials(properties.accessKey(), properties.secretKey())
            .httpClient(http)
            .build();
    this.puts =
        new ByteArrayPuts(
            MinioAsyncClient.builder()
                .endpoint(properties.s3Endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .httpClient(http)
                .build());
  }

  /** The bucket holding the payloads. */
  public String bucket() {
    return bucket;
  }

  /**
   * Creates the bucket when it is missing.
   *
   * @return true when it was created
   */
  public boolean ensureBucket() {
    return call(
        "creating bucket " + bucket,
        () -> {
          if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            return false;
          }
          try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return true;
          } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code)) {
              return false;
            }
            throw e;
          }
        });
  }

  /**
   * The key of a raw payload: {@code raw/<user>/<kind>/<yyyy-MM-dd>/<id>.<extension>}.
   *
   * @param kind what the payload is, e.g. {@code sync}, {@code journal}, {@code apple-health}
   * @param date the day it was received (UTC)
   * @param id unique id of the payload, e.g. the ingest id
   * @param extension file extension without the dot, e.g. {@code json} or {@code xml.gz}
   * @throws IllegalArgumentException naming the part that cannot be used in a key
   */
  public static String rawKey(
      String kind, UserId user, LocalDate date, String id, String extension) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(date, "date");
    require("kind", kind, KIND, "lower-case letters, digits, '_' or '-' (at most 40)");
    require("id", id, ID, "letters, digits, '.', '_' or '-' (at most 128)");
    require("extension", extension, EXTENSION, "lower-case letters and digits, e.g. json");
    return "raw/" + user.value() + "/" + kind + "/" + date + "/" + id + "." + extension;
  }

  /** The prefix under which every payload of {@code user} lives. */
  public static String userPrefix(UserId user) {
    return "raw/" + user.value() + "/";
  }

  /**
   * Stores {@code body} under {@code key}, replacing what was there.
   *
   * @return the reference {@code s3://<bucket>/<key>} to keep in bronze rows
   */
  public String put(String key, byte[] body, String contentType) {
    requireKey(key);
    Objects.requireNonNull(body, "body");
    String type =
        contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    call(
        "storing " + ref(key),
        () -> {
          try {
            return puts.put(bucket, key, body, type).get();
          } catch (ExecutionException e) {
            // the minio client's own exceptions, as its blocking client rethrows them
            throw e.getCause() instanceof Exception cause ? cause : e;
          }
        });
    return ref(key);
  }

  /**
   * minio-java's client, sending a payload already in memory as one byte array. Its public {@code
   * putObject} takes a stream, and for a PUT whose body is not a byte array it builds a new OkHttp
   * client per request (to turn retries off) and reads the stream on the common pool: 7 % of the
   * ingest service's CPU went into building those clients, mostly comparing the JDK's trusted
   * certificates. A byte array can be resent, so the shared client and its retries are kept.
   *
   * <p>Its requests carry no {@code Content-MD5}: minio-java hashes every byte-array body with MD5
   * for it, on top of the SHA-256 that signs the payload over plain HTTP (over HTTPS the payload is
   * sent unsigned, protected by TLS). The signed SHA-256, which the server checks, already detects
   * a body changed on the way. MD5, which the JDK computes without hardware help, cost the ingest
   * service about 5 s of CPU per gigabyte of import parts (31-34 s per gigabyte before, 26-29 s
   * after).
   */
  private static final class ByteArrayPuts extends MinioAsyncClient {

    private static final byte[] NO_BODY = new byte[0];

    ByteArrayPuts(MinioAsyncClient client) {
      super(client);
    }

    @Override
    protected Request createRequest(
        HttpUrl url,
        Method method,
        Headers headers,
        Object body,
        int length,
        Credentials credentials)
        throws InsufficientDataException, InternalException, IOException, NoSuchAlgorithmException {
      if (!(body instanceof byte[] bytes)) {
        return super.createRequest(url, method, headers, body, length, credentials);
      }
      // minio-java's request with every header it sets (host, date, token, signing), but hashes
      // computed for an empty body: the real body and its SHA-256 replace them below
      Request request = super.createRequest(url, method, headers, NO_BODY, 0, credentials);
      Request.Builder builder = request.newBuilder().removeHeader("Content-MD5");
      if (!url.isHttps()) {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(bytes, 0, length);
        builder.header("x-amz-content-sha256", HexFormat.of().formatHex(sha256.digest()));
      }
      String contentType = headers.get("Content-Type");
      MediaType type = contentType == null ? null : MediaType.parse(contentType);
      return builder.method(method.toString(), RequestBody.create(bytes, type, 0, length)).build();
    }

    CompletableFuture<io.minio.ObjectWriteResponse> put(
        String bucket, String key, byte[] body, String contentType) throws Exception {
      return putObjectAsync(
          bucket,
          null,
          key,
          body,
          body.length,
          ImmutableMultimap.of("Content-Type", contentType),
          ImmutableMultimap.of());
    }
  }

  /**
   * Reads the payload a reference points to.
   *
   * @throws IllegalArgumentException when the reference is malformed
   * @throws RawPayloadNotFoundException when nothing is stored there
   */
  public byte[] get(String ref) {
    return read(ref, InputStream::readAllBytes);
  }

  /**
   * Reads the payload a reference points to as consecutive pieces of at most {@code pieceBytes}
   * each, for payloads of megabytes read while other work allocates: G1 allocates an array of half
   * a region or more (512 KB in a 1 GB heap) outside the young generation, and a stream of them
   * starts marking cycles. Reading the 3 MB parts of a 1 GB upload as whole arrays during an import
   * cost ingest-api about 5 s more garbage-collection CPU than in 256 KB pieces.
   *
   * @throws IllegalArgumentException when the reference is malformed or the size not positive
   * @throws RawPayloadNotFoundException when nothing is stored there
   */
  public List<byte[]> getInPieces(String ref, int pieceBytes) {
    if (pieceBytes <= 0) {
      throw new IllegalArgumentException("pieces must hold at least one byte, not " + pieceBytes);
    }
    return read(
        ref,
        in -> {
          List<byte[]> pieces = new ArrayList<>();
          byte[] piece;
          do {
            piece = in.readNBytes(pieceBytes);
            if (piece.length > 0) {
              pieces.add(piece);
            }
          } while (piece.length == pieceBytes);
          return pieces;
        });
  }

  /** Reads the body of a stored payload. */
  @FunctionalInterface
  private interface BodyReader<T> {
    T read(InputStream body) throws IOException;
  }

  /** Opens the payload {@code ref} points to and hands its body to {@code reader}. */
  private <T> T read(String ref, BodyReader<T> reader) {
    Location location = parse(ref);
    return call(
        "reading " + ref,
        () -> {
          try (GetObjectResponse in =
              client.getObject(
                  GetObjectArgs.builder().bucket(location.bucket).object(location.key).build())) {
            return reader.read(in);
          } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
              throw new RawPayloadNotFoundException(ref);
            }
            throw e;
          }
        });
  }

  /** Whether a payload is stored under the reference. */
  public boolean exists(String ref) {
    Location location = parse(ref);
    return call(
        "checking " + ref,
        () -> {
          try {
            client.statObject(
                StatObjectArgs.builder().bucket(location.bucket).object(location.key).build());
            return true;
          } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  /**
   * Deletes the payload a reference points to (erasure of an upload outside a user's prefix);
   * nothing happens when nothing is stored there.
   *
   * @throws IllegalArgumentException when the reference is malformed or names another bucket
   */
  public void delete(String ref) {
    Location location = parse(ref);
    if (!location.bucket.equals(bucket)) {
      throw new IllegalArgumentException(
          "raw payload reference '" + ref + "' is not in the raw bucket " + bucket);
    }
    call(
        "deleting " + ref,
        () -> {
          client.removeObject(
              RemoveObjectArgs.builder().bucket(bucket).object(location.key).build());
          return null;
        });
  }

  /** The references of every payload of {@code user}. */
  public List<String> findAll(UserId user) {
    return findByPrefix(userPrefix(user));
  }

  /**
   * The references of every payload whose key starts with {@code keyPrefix}, in key order; the
   * prefix is matched as plain text, so {@code raw/u/import/2026-01-01/abc.part} finds the parts of
   * one upload.
   *
   * @throws IllegalArgumentException when the prefix is blank or starts with '/'
   */
  public List<String> findByPrefix(String keyPrefix) {
    return listByPrefix(keyPrefix).stream().map(StoredPayload::ref).toList();
  }

  /**
   * Every payload whose key starts with {@code keyPrefix}, in key order, with the size and entity
   * tag the listing reports (no payload is read).
   *
   * @throws IllegalArgumentException when the prefix is blank or starts with '/'
   */
  public List<StoredPayload> listByPrefix(String keyPrefix) {
    requireKey(keyPrefix);
    return call(
        "listing payloads under " + ref(keyPrefix),
        () -> {
          List<StoredPayload> payloads = new ArrayList<>();
          for (Result<Item> result :
              client.listObjects(
                  ListObjectsArgs.builder()
                      .bucket(bucket)
                      .prefix(keyPrefix)
                      .recursive(true)
                      .build())) {
            Item item = result.get();
            payloads.add(
                new StoredPayload(ref(item.objectName()), item.size(), unquoted(item.etag())));
          }
          return payloads;
        });
  }

  /** An entity tag without the quotes S3 listings put around it; empty when there is none. */
  private static String unquoted(String etag) {
    if (etag == null) {
      return "";
    }
    String tag = etag.strip();
    return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
        ? tag.substring(1, tag.length() - 1)
        : tag;
  }

  /**
   * Deletes every payload of {@code user} (erasure).
   *
   * @return how many payloads were deleted
   */
  public int deleteAll(UserId user) {
    List<String> refs = findAll(user);
    if (refs.isEmpty()) {
      return 0;
    }
    List<DeleteObject> objects = refs.stream().map(r -> new DeleteObject(parse(r).key)).toList();
    return call(
        "deleting payloads of " + user,
        () -> {
          List<String> failures = new ArrayList<>();
          for (Result<DeleteError> error :
              client.removeObjects(
                  RemoveObjectsArgs.builder().bucket(bucket).objects(objects).build())) {
            DeleteError e = error.get();
            failures.add(e.objectName() + ": " + e.message());
          }
          if (!failures.isEmpty()) {
            throw new IllegalStateException(
                "could not delete " + failures.size() + " payloads of " + user + ": " + failures);
          }
          return objects.size();
        });
  }

  @Override
  public void close() {
    try {
      puts.close();
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the S3 client of the raw archive", e);
    } finally {
      // the client leaves an HTTP client it did not create open
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * A stored payload as a listing reports it.
   *
   * @param ref {@code s3://<bucket>/<key>}
   * @param size its length in bytes
   * @param etag the entity tag without quotes: for an object stored in one request without
   *     server-side encryption by a key service, the hex MD5 of its bytes (S3, MinIO, s3proxy);
   *     otherwise an opaque value
   */
  public record StoredPayload(String ref, long size, String etag) {}

  /** Thrown by the reads when no payload is stored under a reference. */
  public static final class RawPayloadNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RawPayloadNotFoundException(String ref) {
      super("no raw payload stored at " + ref);
    }
  }

  private String ref(String key) {
    return "s3://" + bucket + "/" + key;
  }

  private static Location parse(String ref) {
    Objects.requireNonNull(ref, "ref");
    if (!ref.startsWith("s3://")) {
      throw new IllegalArgumentException(
          "raw payload reference '" + ref + "' must look like s3://bucket/key");
    }
    String rest = ref.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException(
          "raw payload reference '" + ref + "' must look like s3://bucket/key");
    }
    return new Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  private record Location(String bucket, String key) {}

  private static boolean isNotFound(ErrorResponseException e) {
    String code = e.errorResponse().code();
    return "NoSuchKey".equals(code)
        || "NoSuchObject".equals(code)
        || "NoSuchBucket".equals(code)
        || (e.response() != null && e.response().code() == 404);
  }

  private static void requireKey(String key) {
    if (key == null || key.isBlank() || key.startsWith("/") || key.length() > 1024) {
      throw new IllegalArgumentException(
          "object key '" + key + "' must be 1-1024 characters and not start with '/'");
    }
  }

  private static void require(String what, String value, Pattern pattern, String allowed) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "raw key " + what + " '" + value + "' is not allowed; use " + allowed);
    }
  }

  @FunctionalInterface
  private interface S3Call<T> {
    T run() throws Exception;
  }

  private static <T> T call(String what, S3Call<T> call) {
    try {
      return call.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e, e);
    }
  }
}
