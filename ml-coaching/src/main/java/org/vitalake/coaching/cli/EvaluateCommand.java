package org.vitalake.coaching.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vitalake.coaching.evaluation.AnomalyEvaluation;
import org.vitalake.coaching.evaluation.EvaluationReport;
import org.vitalake.coaching.evaluation.FoldResult;
import org.vitalake.coaching.evaluation.ReadinessEvaluation;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.pmdata.PmDataFormatException;
import org.vitalake.coaching.pmdata.PmDataParticipant;
import org.vitalake.coaching.pmdata.PmDataReader;
import org.vitalake.coaching.training.ReadinessTrainingConfig;

/**
 * {@code vitalake evaluate --dataset <pmdata dir> [--json] [--folds N] [--seed S]}: evaluates the
 * readiness regression and the anomaly detector on a PMData folder, split by user.
 */
public final class EvaluateCommand {

  static final String USAGE =
      "usage: vitalake evaluate --dataset <pmdata dir> [--json] [--folds N] [--seed S]";

  // Held in a field: java.util.logging keeps loggers weakly, and a collected logger forgets its
  // level.
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private EvaluateCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the process exit code (0 ok, 1 bad data, 2 bad arguments). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path dataset = null;
    boolean asJson = false;
    int folds = ReadinessEvaluation.DEFAULT_FOLDS;
    long seed = ReadinessTrainingConfig.DEFAULT_SEED;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--dataset" -> dataset = Path.of(value(args, ++i, "--dataset"));
          case "--json" -> asJson = true;
          case "--folds" -> folds = Integer.parseInt(value(args, ++i, "--folds"));
          case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
      }
      if (dataset == null) {
        throw new IllegalArgumentException("--dataset is required");
      }
    } catch (NumberFormatException e) {
      err.println("vitalake evaluate: --folds and --seed take whole numbers: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("vitalake evaluate: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    TRIBUO_LOG.setLevel(Level.WARNING);
    try {
      EvaluationReport report = evaluate(dataset, folds, seed);
      if (asJson) {
        out.println(new ObjectMapper().writeValueAsString(report.figures()));
      } else {
        printText(report, out);
      }
      return 0;
    } catch (PmDataFormatException | IllegalArgumentException e) {
      err.println("vitalake evaluate: " + e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      err.println("vitalake evaluate: cannot write the report: " + e.getMessage());
      return 1;
    }
  }

  /** Reads the dataset and runs both evaluations with the same user folds. */
  public static EvaluationReport evaluate(Path dataset, int folds, long seed) {
    List<PmDataParticipant> participants = new PmDataReader().readAll(dataset);
    Map<String, List<DayObservation>> users = new LinkedHashMap<>();
    participants.forEach(p -> users.put(p.id(), p.days()));
    return new EvaluationReport(
        dataset.toString(),
        folds,
        seed,
        new ReadinessEvaluation(folds, seed).evaluate(users),
        new AnomalyEvaluation(folds, seed).evaluate(users));
  }

  private static void printText(EvaluationReport report, PrintStream out) {
    var r = report.readiness();
    out.printf(
        "Readiness regression, leave-users-out (%d folds, seed %d)%n",
        report.folds(), report.seed());
    out.printf("  held-out users %d, held-out days %d%n", r.usersTested(), r.daysTested());
    out.printf("  MAE model               %.3f%n", r.maeModel());
    out.printf("  MAE user expanding mean %.3f%n", r.maeUserMean());
    out.printf("  MAE persistence         %.3f%n", r.maePersistence());
    out.printf("  MAE population mean     %.3f%n", r.maePopulationMean());
    out.println(
        r.modelBeatsEveryBaseline()
            ? "  the model beats every baseline"
            : "  the model does NOT beat every baseline");
    for (FoldResult fold : r.folds()) {
      out.printf(
          "  fold test %s: %d train rows, %d test rows, %s loss, lr %.2f, %d epochs%n",
          fold.testUsers(),
          fold.trainRows(),
          fold.testRows(),
          fold.chosenConfig().loss(),
          fold.chosenConfig().learningRate(),
          fold.chosenConfig().epochs());
    }
    var a = report.anomaly();
    out.printf("Vitals anomaly detection on injected anomalies%n");
    out.printf("  injected days %d, clean days %d%n", a.injected(), a.clean());
    out.printf(
        "  precision %.3f, recall %.3f, false-positive rate %.3f%n",
        a.precision(), a.recall(), a.falsePositiveRate());
    a.recallByKind().forEach((kind, recall) -> out.printf("  recall %-14s %.3f%n", kind, recall));
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }
}
