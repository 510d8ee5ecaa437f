package dev.purenet.spark;

import dev.purenet.train.UpdateRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Results as DataFrames: the columns every sweep has, whichever names it varies. */
public final class SweepTables {
    private SweepTables() {}

    /** The hyperparameter columns, in every table, after run_id. */
    static final List<StructField> SETTINGS = List.of(
            field("sizes", DataTypes.StringType, false),
            field("activation", DataTypes.StringType, false),
            field("layers", DataTypes.StringType, false),
            field("eta", DataTypes.DoubleType, false),
            field("lambda", DataTypes.DoubleType, false),
            field("optimizer", DataTypes.StringType, false),
            field("momentum", DataTypes.DoubleType, true),
            field("beta1", DataTypes.DoubleType, true),
            field("beta2", DataTypes.DoubleType, true),
            field("epsilon", DataTypes.DoubleType, true),
            field("rho", DataTypes.DoubleType, true),
            field("batch", DataTypes.IntegerType, false),
            field("seed", DataTypes.LongType, false),
            field("cost", DataTypes.StringType, false),
            field("init", DataTypes.StringType, false),
            field("threads", DataTypes.IntegerType, false),
            field("precision", DataTypes.StringType, false));

    /** One row per trained epoch of every run. */
    public static final StructType EPOCHS = schema(List.of(
            field("epoch", DataTypes.IntegerType, false),
            field("eta_used", DataTypes.DoubleType, false),
            field("eval_correct", DataTypes.IntegerType, false),
            field("eval_total", DataTypes.IntegerType, false),
            field("eval_accuracy", DataTypes.DoubleType, false),
            field("eval_cost", DataTypes.DoubleType, true),
            field("train_accuracy", DataTypes.DoubleType, true),
            field("train_cost", DataTypes.DoubleType, true),
            field("seconds", DataTypes.DoubleType, false)));

    /** One row per run, with its best and final networks as purenet JSON (null when not kept). */
    public static final StructType RUNS = schema(List.of(
            field("status", DataTypes.StringType, false),
            field("attempt", DataTypes.IntegerType, false),
            field("epochs", DataTypes.IntegerType, false),
            field("best_epoch", DataTypes.IntegerType, false),
            field("best_accuracy", DataTypes.DoubleType, true),
            field("seconds", DataTypes.DoubleType, false),
            field("task_seconds", DataTypes.DoubleType, false),
            field("best_network", DataTypes.StringType, true),
            field("final_network", DataTypes.StringType, true)));

    /**
     * Both tables of {@code results}.
     *
     * @param spark   the session the DataFrames belong to
     * @param results the runs
     * @return per-epoch rows and per-run rows
     */
    public static SweepResult of(SparkSession spark, List<RunResult> results) {
        return new SweepResult(spark.createDataFrame(epochRows(results), EPOCHS), spark.createDataFrame(runRows(results), RUNS));
    }

    static List<Row> epochRows(List<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            for (EpochRecord e : r.epochs()) {
                rows.add(row(r, e.epoch(), e.eta(), e.evaluationCorrect(), e.evaluationTotal(), e.evaluationAccuracy(), e.evaluationCost(),
                        e.trainingAccuracy(), e.trainingCost(), e.seconds()));
            }
        }
        return rows;
    }

    static List<Row> runRows(List<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            EpochRecord best = r.best();
            rows.add(row(r, r.status(), r.attempt(), r.epochs().size(), r.bestEpoch(), best == null ? null : best.evaluationAccuracy(),
                    r.epochs().stream().mapToDouble(EpochRecord::seconds).sum(), r.taskSeconds(), r.bestNetwork(), r.finalNetwork()));
        }
        return rows;
    }

    /** The settings' values in {@link #SETTINGS}' order; a coefficient left at its default is null. */
    static List<Object> settings(RunSettings s) {
        List<Object> values = new ArrayList<>(List.of(s.sizesText(), s.activation(), s.layers(), s.eta(), s.lambda(), s.optimizer()));
        UpdateRule.OPTIMIZER_COEFFICIENTS.forEach(name -> values.add(s.coefficients().get(name)));
        values.addAll(List.of(s.miniBatch(), s.seed(), s.cost(), s.init(), s.threads(), s.precision()));
        return values;
    }

    /** The settings' values without the seed, the one setting a configuration's runs may differ in. */
    static List<Object> configuration(RunSettings s) {
        List<Object> values = new ArrayList<>(settings(s));
        values.remove(SETTINGS.stream().map(StructField::name).toList().indexOf("seed"));
        return values;
    }

    private static Row row(RunResult r, Object... values) {
        List<Object> all = new ArrayList<>();
        all.add(r.runId());
        all.addAll(settings(r.settings()));
        all.addAll(java.util.Arrays.asList(values));
        return RowFactory.create(all.toArray());
    }

    private static StructType schema(List<StructField> rest) {
        List<StructField> fields = new ArrayList<>();
        fields.add(field("run_id", DataTypes.StringType, false));
        fields.addAll(SETTINGS);
        fields.addAll(rest);
        return DataTypes.createStructType(fields);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
