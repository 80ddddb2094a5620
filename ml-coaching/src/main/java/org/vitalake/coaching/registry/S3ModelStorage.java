package org.vitalake.coaching.registry;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Model storage in an S3 bucket (MinIO in production, s3proxy locally) through minio-java; one
 * object per key, so a put replaces the whole object and a reader sees the old or the new bytes.
 */
public final class S3ModelStorage implements ModelStorage {

  private final MinioClient client;
  private final String bucket;
  private final String endpoint;

  /**
   * Storage in {@code bucket} at {@code endpoint}, creating the bucket when it is missing.
   *
   * @param endpoint {@code http(s)://host:port} of the S3 API
   */
  public S3ModelStorage(
      String endpoint, String region, String accessKey, String secretKey, String bucket) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.client =
        MinioClient.builder()
            .endpoint(endpoint)
            .region(region)
            .credentials(accessKey, secretKey)
            .build();
    ensureBucket();
  }

  /** The bucket holding the models. */
  public String bucket() {
    return bucket;
  }

  @Override
  public void put(String key, byte[] bytes) {
    ModelStorage.checkKey(key);
    try {
      client.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key).stream(
                  new ByteArrayInputStream(bytes), bytes.length, -1)
              .contentType("application/octet-stream")
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + location(key), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write " + location(key) + ": " + e, e);
    }
  }

  @Override
  public Optional<byte[]> find(String key) {
    ModelStorage.checkKey(key);
    try (GetObjectResponse response =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return Optional.of(response.readAllBytes());
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw new IllegalStateException("cannot read " + location(key) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location(key), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + location(key) + ": " + e, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    try {
      for (Result<Item> result :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        if (!item.isDir()) {
          keys.add(item.objectName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location(prefix), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list " + location(prefix) + ": " + e, e);
    }
    // S3 lists in UTF-8 binary order, which is what the port promises; sorting keeps that true
    // for S3-compatible servers that do not.
    keys.sort(null);
    return keys;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + " at " + endpoint;
  }

  private void ensureBucket() {
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
        throw new IllegalStateException(
            "cannot create the models bucket " + bucket + " at " + endpoint + ": " + code, e);
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot reach the models bucket " + bucket + " at " + endpoint + ": " + e, e);
    }
  }

  private String location(String key) {
    return "s3://" + bucket + "/" + key + " (" + endpoint + ")";
  }
}
