package org.vitalake.batch.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;

class SourcePriorityTest {

  @Test
  void coversEveryMetricWithACompleteDevicePreference() {
    for (Metric metric : Metric.values()) {
      SourcePriority.Rule rule = SourcePriority.RULES.get(metric.code());
      assertThat(rule).as("rule for %s", metric).isNotNull();
      assertThat(rule.devicePreference()).containsExactlyInAnyOrder(DeviceType.values());
    }
  }

  @Test
  void documentedPolicyTableMatchesTheRules() throws IOException {
    // given the policy table of docs/pipeline.md
    List<String> rows =
        Files.readAllLines(Path.of("..", "docs", "pipeline.md")).stream()
            .filter(l -> l.startsWith("| ") && l.contains(" > "))
            .toList();

    // then every metric named in a row has that row's resolution and device order
    int named = 0;
    for (SourcePriority.Rule rule : SourcePriority.RULES.values()) {
      String order =
          rule.devicePreference().stream().map(DeviceType::code).collect(Collectors.joining(" > "));
      String resolution = rule.resolution().name().toLowerCase(Locale.ROOT);
      for (String row : rows) {
        List<String> cells = List.of(row.split("\\|"));
        List<String> metrics = List.of(cells.get(1).trim().split(",\\s*"));
        if (metrics.contains(rule.metric())) {
          assertThat(cells.get(2).trim())
              .as("resolution of %s", rule.metric())
              .isEqualTo(resolution);
          assertThat(cells.get(3).trim()).as("device order of %s", rule.metric()).isEqualTo(order);
          named++;
        }
      }
    }
    assertThat(named).as("metrics named in the documented table").isGreaterThanOrEqualTo(15);
  }
}
