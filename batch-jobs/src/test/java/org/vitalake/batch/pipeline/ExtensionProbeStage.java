package org.vitalake.batch.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * A stage added the way the coaching steps are: a bean with an extension order, no change to the
 * job. The integration test uses it to make one run fail after {@code dailyMetrics}.
 */
@Component
public class ExtensionProbeStage implements PipelineStage {

  static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();
  static final AtomicInteger RUNS = new AtomicInteger();

  @Override
  public String name() {
    return "extensionProbe";
  }

  @Override
  public int order() {
    return EXTENSIONS_FIRST + 200;
  }

  @Override
  public StageResult run(PipelineContext context) {
    RUNS.incrementAndGet();
    if (FAIL_NEXT.getAndSet(false)) {
      throw new IllegalStateException("extension probe asked to fail once");
    }
    return new StageResult(0, 0, "probe ran");
  }
}
