package org.vitalake.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.outbox.LakehouseOutbox;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;
import org.vitalake.identity.support.SharedLakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;

/** Each create and update lands as a pseudonymous row in the real bronze.user_profiles. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileSnapshotIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject LakehouseOutbox outbox;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    return ServerProperties.forHome(ServerProperties.newHome());
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @Test
  void appendsAPseudonymousSnapshotOnRegistrationAndUpdate() {
    // given
    String email = IdentityClient.uniqueEmail("snap");
    String dateOfBirth = "1987-06-30";
    Reply registered =
        client.send(
            HttpRequest.POST(
                "/register",
                Map.of(
                    "name",
                    "Snap Shot",
                    "email",
                    email,
                    "password",
                    IdentityClient.PASSWORD,
                    "dateOfBirth",
                    dateOfBirth,
                    "sex",
                    "male",
                    "heightCm",
                    181.0,
                    "weightKg",
                    80.0,
                    "timeZone",
                    "Europe/Berlin",
                    "preferences",
                    Map.of("goals", List.of("run_5k", "sleep_better")))));
    String id = registered.text("id");
    String token = client.login(email, IdentityClient.PASSWORD).text("token");

    // when
    client.put("/users/" + id, Map.of("weightKg", 78.5), token);
    outbox.publishPending();
    List<Record> rows =
        new TableScanner(SharedLakehouse.get().lakehouse())
            .scan(LakehouseTables.USER_PROFILES.id(), Expressions.equal("user_id", id));

    // then
    assertThat(rows).hasSize(2);
    Record latest =
        rows.stream()
            .max(Comparator.comparing(r -> (OffsetDateTime) r.getField("updated_at")))
            .orElseThrow();
    assertThat(latest.getField("birth_year"))
        .isEqualTo(Integer.parseInt(dateOfBirth.substring(0, 4)));
    assertThat(latest.getField("sex")).isEqualTo("male");
    assertThat(latest.getField("height_cm")).isEqualTo(181.0);
    assertThat(latest.getField("weight_kg")).isEqualTo(78.5);
    assertThat(latest.getField("time_zone")).isEqualTo("Europe/Berlin");
    assertThat(latest.getField("goals")).isEqualTo(List.of("run_5k", "sleep_better"));
    assertThat(rows)
        .allSatisfy(row -> assertThat(row.toString()).doesNotContain(email, "Snap Shot"));
    List<String> columns =
        LakehouseTables.USER_PROFILES.schema().columns().stream()
            .map(Types.NestedField::name)
            .toList();
    assertThat(columns).doesNotContain("name", "email");
    assertThat(outbox.countPending()).isZero();
  }
}
