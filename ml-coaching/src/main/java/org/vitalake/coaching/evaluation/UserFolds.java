package org.vitalake.coaching.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Seeded assignment of whole users to folds, so no user's days are on both sides of a split. */
public final class UserFolds {

  private UserFolds() {}

  /** Splits the users into {@code k} folds of near-equal size; same users and seed, same folds. */
  public static List<List<String>> split(Collection<String> users, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("folds " + k + " must be at least 2");
    }
    List<String> ordered = new ArrayList<>(new TreeSet<>(users));
    if (ordered.size() < k) {
      throw new IllegalArgumentException(
          "need at least " + k + " users for " + k + " folds, got " + ordered.size());
    }
    Collections.shuffle(ordered, new Random(seed));
    List<List<String>> folds = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      folds.add(new ArrayList<>());
    }
    for (int i = 0; i < ordered.size(); i++) {
      folds.get(i % k).add(ordered.get(i));
    }
    folds.forEach(Collections::sort);
    return folds;
  }
}
