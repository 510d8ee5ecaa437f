package dev.purenet.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a sweep gives: per-epoch rows ({@link SweepTables#EPOCHS}) and one row per run with its best
 * and final networks as purenet JSON ({@link SweepTables#RUNS}).
 *
 * @param epochs run id, each hyperparameter, epoch, η used, accuracies, costs and seconds
 * @param runs   run id, each hyperparameter, status, attempt, best epoch and accuracy, networks
 */
public record SweepResult(Dataset<Row> epochs, Dataset<Row> runs) {}
