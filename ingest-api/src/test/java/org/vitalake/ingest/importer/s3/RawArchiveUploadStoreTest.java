package org.vitalake.ingest.importer.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.importer.Upload;
import org.vitalake.lakehouse.RawArchive;

class RawArchiveUploadStoreTest {

  private static Upload upload(String id) {
    return new Upload(
        id,
        UserId.of("u-7"),
        "export.xml",
        "xml",
        LocalDate.of(2026, 4, 2),
        Instant.parse("2026-04-02T08:00:00Z"),
        null);
  }

  @Test
  void keepsEverythingOfAnUploadUnderItsOwnersPrefixExceptTheIndex() {
    // given
    Upload upload = upload(UUID.randomUUID().toString());
    String prefix = RawArchive.userPrefix(upload.owner());

    // then
    assertThat(RawArchiveUploadStore.recordKey(upload.owner(), upload.uploadId()))
        .startsWith(prefix)
        .endsWith(upload.uploadId() + ".json");
    assertThat(RawArchiveUploadStore.partKey(upload, 1))
        .isEqualTo(prefix + "import/2026-04-02/" + upload.uploadId() + ".part00001.xml")
        .startsWith(RawArchiveUploadStore.partPrefix(upload));
    assertThat(RawArchiveUploadStore.indexKey(upload.uploadId()))
        .doesNotStartWith("raw/")
        .contains(upload.uploadId());
  }

  @Test
  void readsBackThePartNumberOfEveryPartKey() {
    // given
    Upload upload = upload(UUID.randomUUID().toString());

    // then: five digits, and six past 99,999, as the keys are written
    for (int part : new int[] {1, 2, 10, 99_999, 100_000}) {
      assertThat(
              RawArchiveUploadStore.parsePart(upload, RawArchiveUploadStore.partKey(upload, part)))
          .hasValue(part);
    }
  }

  @Test
  void ignoresKeysThatAreNotPartsOfTheUpload() {
    // given
    String id = UUID.randomUUID().toString();
    Upload upload = upload(id);
    String prefix = RawArchiveUploadStore.partPrefix(upload);

    // then
    assertThat(RawArchiveUploadStore.parsePart(upload, prefix + "00001.zip")).isEmpty();
    assertThat(RawArchiveUploadStore.parsePart(upload, prefix + "1.xml")).isEmpty();
    assertThat(RawArchiveUploadStore.parsePart(upload, prefix + "00000.xml")).isEmpty();
    assertThat(RawArchiveUploadStore.parsePart(upload, prefix + "0001x.xml")).isEmpty();
    assertThat(RawArchiveUploadStore.parsePart(upload, prefix + "000001.xml"))
        .as("a zero-padded form the store never writes")
        .isEmpty();
    assertThat(
            RawArchiveUploadStore.parsePart(
                upload, RawArchiveUploadStore.partKey(upload(UUID.randomUUID().toString()), 1)))
        .isEqualTo(OptionalInt.empty());
  }
}
