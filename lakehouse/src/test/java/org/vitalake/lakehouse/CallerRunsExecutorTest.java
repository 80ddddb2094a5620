package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CallerRunsExecutorTest {

  private final CallerRunsExecutor executor = CallerRunsExecutor.INSTANCE;

  @Test
  void runsEachTaskOnTheSubmittingThreadBeforeSubmitReturns() throws Exception {
    Future<String> future = executor.submit(() -> Thread.currentThread().getName());

    // done when Iceberg first polls it, so its wait loop never sleeps
    assertThat(future.isDone()).isTrue();
    assertThat(future.get()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void aFailingTaskFailsItsFutureNotTheSubmitter() {
    Future<?> future =
        executor.submit(
            () -> {
              throw new IllegalStateException("manifest write failed");
            });

    assertThat(future.isDone()).isTrue();
    assertThatThrownBy(future::get)
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("manifest write failed");
  }

  @Test
  void runsEveryTaskOfABatchInOrder() throws Exception {
    StringBuilder order = new StringBuilder();
    List<Callable<Integer>> tasks =
        List.of(
            () -> {
              order.append('a');
              return 1;
            },
            () -> {
              order.append('b');
              return 2;
            });

    List<Future<Integer>> results = executor.invokeAll(tasks);

    assertThat(order).hasToString("ab");
    assertThat(results.get(1).get()).isEqualTo(2);
  }

  @Test
  void isSharedSoItCannotBeShutDown() {
    assertThatThrownBy(executor::shutdown).isInstanceOf(UnsupportedOperationException.class);
    assertThat(executor.isShutdown()).isFalse();
  }
}
