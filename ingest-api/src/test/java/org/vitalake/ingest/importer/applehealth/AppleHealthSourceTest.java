package org.vitalake.ingest.importer.applehealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vitalake.core.sample.DeviceType;

class AppleHealthSourceTest {

  @ParameterizedTest
  @CsvSource({
    "iPhone de Marie, Marie, apple_health:iPhone",
    "Apple Watch von Max, Max, apple_health:Apple Watch",
    "Marias iPhone, Maria, apple_health:iPhone",
    "Alexandre's Apple Watch, Alexandre, apple_health:Apple Watch",
    "iPad de Zoé, Zoé, apple_health:iPad"
  })
  void keepsOnlyTheProductOfALocalisedDeviceName(String sourceName, String owner, String expected) {
    // when
    String source = new AppleHealthSource().source(sourceName, null);

    // then
    assertThat(source).isEqualTo(expected).doesNotContain(owner);
  }

  @Test
  void storesOtherWhenTheSourceNameNamesNoKnownProduct() {
    // when
    String source = new AppleHealthSource().source("Telefon von Maximilian", null);

    // then
    assertThat(source).isEqualTo("apple_health:other");
  }

  @Test
  void takesTheSourceFromTheDeviceKeysBeforeTheSourceName() {
    // given
    String device =
        "<<HKDevice: 0x3012772a0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch,"
            + " hardware:Watch6,2, software:10.2>";

    // when
    String source = new AppleHealthSource().source("Montre de Julien", device);

    // then
    assertThat(source).isEqualTo("apple_health:Apple Watch");
    assertThat(AppleHealthSource.device(device)).isEqualTo("Apple Watch Watch6,2");
  }

  @Test
  void usesTheHardwareIdWhenTheDeviceNameIsNotAKnownProduct() {
    // given
    String device = "<<HKDevice: 0x1>, name:Max, hardware:iPhone12,1>";

    // when
    String source = new AppleHealthSource().source("Max", device);

    // then
    assertThat(source).isEqualTo("apple_health:iPhone12,1");
    assertThat(AppleHealthSource.device(device)).isEqualTo("iPhone12,1");
  }

  @Test
  void doesNotStoreARawDeviceStringWithoutKeys() {
    // given
    String device = "Telefon von Maximilian Mustermann";

    // when
    String stored = AppleHealthSource.device(device);
    String source = new AppleHealthSource().source("Telefon von Maximilian", device);

    // then
    assertThat(stored).isNull();
    assertThat(source).isEqualTo("apple_health:other").doesNotContain("Maximilian");
  }

  @Test
  void givesTheSameSourceForRecordsOfTheSameDeviceWhoseAddressesDiffer() {
    // given
    AppleHealthSource sources = new AppleHealthSource();
    String first = "<<HKDevice: 0x3012772a0>, name:iPhone, model:iPhone, hardware:iPhone12,1>";
    String second = "<<HKDevice: 0x3012999f0>, name:iPhone, model:iPhone, hardware:iPhone12,1>";

    // then
    assertThat(sources.source("Marias iPhone", first))
        .isEqualTo(sources.source("Marias iPhone", second))
        .isEqualTo("apple_health:iPhone");
    assertThat(AppleHealthSource.device(first)).isEqualTo(AppleHealthSource.device(second));
  }

  @Test
  void givesEachRecordTheOriginItsOwnAttributesGive() {
    // given: runs of one device whose addresses differ, the same device typed in by hand, the
    // phone, a source name alone, and a description whose address is not one
    AppleHealthSource sources = new AppleHealthSource();
    String watch = "name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2>";
    String phone = "name:iPhone, model:iPhone, hardware:iPhone12,1>";
    List<Object[]> records =
        List.of(
            new Object[] {"Montre de Julien", "<<HKDevice: 0x3012772a0>, " + watch, false},
            new Object[] {"Montre de Julien", "<<HKDevice: 0x3012999f0>, " + watch, false},
            new Object[] {"Montre de Julien", "<<HKDevice: 0x3012999f0>, " + watch, true},
            new Object[] {"Montre de Julien", "<<HKDevice: 0x1>, " + phone, false},
            new Object[] {"Marias iPhone", null, false},
            new Object[] {"Apple Watch von Max", null, false},
            new Object[] {"Max", "<<HKDevice: name:iPad>, " + phone, false},
            new Object[] {"Montre de Julien", "<<HKDevice: 0x3012772a0>, " + watch, false});

    for (Object[] r : records) {
      String sourceName = (String) r[0];
      String device = (String) r[1];
      boolean userEntered = (Boolean) r[2];

      // when
      AppleHealthSource.Origin origin = sources.origin(sourceName, device, userEntered);

      // then: what the rules give for this record alone
      String stored = AppleHealthSource.device(device);
      assertThat(origin)
          .as("%s / %s / %s", sourceName, device, userEntered)
          .isEqualTo(
              new AppleHealthSource.Origin(
                  new AppleHealthSource().source(sourceName, device),
                  stored,
                  AppleHealthSource.deviceType(stored, sourceName, userEntered)));
    }
    assertThat(sources.origin("Montre de Julien", "<<HKDevice: 0x5>, " + watch, true).deviceType())
        .isEqualTo(DeviceType.MANUAL);
    assertThat(sources.origin("Max", "<<HKDevice: name:iPad>, " + phone, false).source())
        .isEqualTo("apple_health:iPad");
  }
}
