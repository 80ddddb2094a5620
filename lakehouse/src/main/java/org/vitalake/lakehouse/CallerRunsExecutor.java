package org.vitalake.lakehouse;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs each task on the thread that submits it, before {@code submit} returns.
 *
 * <p>For Iceberg's commit steps ({@code scanManifestsWith}, {@code writeManifestsWith}). With a
 * thread pool, Iceberg waits for the pool's tasks by polling them and sleeping 10 ms between polls
 * ({@code Tasks.waitFor}), several times per commit. A commit of a few data files writes one
 * manifest, so those steps have nothing to run in parallel and only waited. Here the tasks have
 * finished when Iceberg first looks. Never shut down: it owns no threads.
 */
final class CallerRunsExecutor extends AbstractExecutorService {

  static final CallerRunsExecutor INSTANCE = new CallerRunsExecutor();

  private CallerRunsExecutor() {}

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  @Override
  public void shutdown() {
    throw new UnsupportedOperationException("the caller-runs executor is shared and never stops");
  }

  @Override
  public List<Runnable> shutdownNow() {
    throw new UnsupportedOperationException("the caller-runs executor is shared and never stops");
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }
}
