package org.vitalake.ingest.importer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.vitalake.ingest.auth.Caller;
import org.vitalake.ingest.problem.ProblemException;

/** {@code /imports}: bulk imports of device exports and research datasets. */
@Controller("/imports")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ImportController {

  private final ImportService service;
  private final ObjectMapper json;

  public ImportController(ImportService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  /** Starts importing a file uploaded as {@code multipart/form-data} (small files). */
  @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Import an uploaded file",
      description =
          "Parts: file, format (apple-health, fitabase, fitbit-json, pmdata, fit, google-fit),"
              + " optional userId, userMap (JSON {datasetId: userId}) and timeZone. Answers 202"
              + " with the import id; GET /imports/{id} reports progress. Larger files go through"
              + " POST /imports/uploads.")
  public HttpResponse<ImportStatusResponse> upload(
      @Part("file") CompletedFileUpload file,
      @Part("format") String format,
      @Nullable @Part("userId") String userId,
      @Nullable @Part("userMap") String userMap,
      @Nullable @Part("timeZone") String timeZone,
      Authentication authentication) {
    Caller caller = Caller.of(authentication);
    Path temp = ImportService.tempFile();
    try (InputStream in = file.getInputStream()) {
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the upload", e);
    }
    return HttpResponse.accepted()
        .body(
            service.importFile(
                caller, temp, file.getFilename(), format, userId, userMap, timeZone));
  }

  /** Starts importing an upload made in parts or an object already in the raw bucket. */
  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Import an uploaded or archived file",
      description =
          "Body: {format, uploadId | rawRef, userId?, userMap?, timeZone?}. An upload is"
              + " imported once: starting it again answers 409 naming the import; an expired"
              + " upload answers 410.")
  public HttpResponse<ImportStatusResponse> start(
      @Body byte[] body, Authentication authentication) {
    return HttpResponse.accepted()
        .body(
            service.importStored(Caller.of(authentication), parse(body, StartImportRequest.class)));
  }

  /** Starts an upload in parts, for files larger than one request. */
  @Post(
      uri = "/uploads",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Start an upload in parts",
      description =
          "Body: {fileName?, userId?}. Answers 201 with the upload id and the largest part. The"
              + " upload is recorded in the raw bucket and survives a restart of the service; it"
              + " must be imported within vitalake.ingest.upload-expiry (24h) of its creation,"
              + " later it answers 410 and its parts are deleted.")
  public HttpResponse<UploadResponse> createUpload(
      @Body byte[] body, Authentication authentication) {
    UploadRequest request =
        body.length == 0 ? new UploadRequest(null, null) : parse(body, UploadRequest.class);
    return HttpResponse.created(service.createUpload(Caller.of(authentication), request));
  }

  /** Stores one part of an upload as-is in the raw bucket. */
  @Put(uri = "/uploads/{uploadId}/parts/{part}", consumes = MediaType.APPLICATION_OCTET_STREAM)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Store one part of an upload",
      description =
          "Parts are numbered from 1 and may arrive in any order or concurrently; sending a"
              + " number again replaces that part. 400 for an unknown upload, 409 once its import"
              + " started, 410 once it expired, 413 for a part larger than maxPartBytes.")
  public HttpResponse<Void> storePart(
      @PathVariable String uploadId,
      @PathVariable int part,
      @Body byte[] body,
      Authentication authentication) {
    service.storePart(Caller.of(authentication), uploadId, part, body);
    return HttpResponse.noContent();
  }

  /** Reports an import's progress and outcome. */
  @Get(uri = "/{importId}", produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Report an import's progress and outcome",
      description =
          "Rows read, accepted and rejected (the first 100 rejections with file, line or record"
              + " number and reason; rejectionsNotListed counts the rest), status running, done or"
              + " failed, and timestamps. The state is recorded in the raw bucket and survives a"
              + " restart of the service; an import cut off by a restart is reported as failed,"
              + " and importing the same file again completes it. Visible to its owner and to"
              + " service and admin tokens.")
  public ImportStatusResponse find(@PathVariable String importId, Authentication authentication) {
    return service.find(Caller.of(authentication), importId);
  }

  /**
   * Reads {@code body} as {@code type}.
   *
   * @throws ProblemException 400 naming the body when it is not such an object, or JSON null
   */
  private <T> T parse(byte[] body, Class<T> type) {
    T value;
    try {
      value = json.readValue(body, type);
    } catch (IOException | RuntimeException e) {
      throw ProblemException.invalid(
          "body", "not a valid " + type.getSimpleName() + " JSON object: " + e.getMessage());
    }
    if (value == null) {
      throw ProblemException.invalid("body", "the request body is null; send a JSON object");
    }
    return value;
  }
}
