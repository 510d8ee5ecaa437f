package dev.purenet.examples;

import static dev.purenet.Activation.identity;
import static dev.purenet.Activation.softmax;
import static dev.purenet.Activation.tanh;
import static dev.purenet.Seed.seed;

import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.io.Snapshots;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import dev.purenet.train.Epoch;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Monitor;
import dev.purenet.train.Sgd;
import dev.purenet.train.UpdateRule;

/**
 * Your own data, no MNIST: two small problems built from plain Java arrays with one example
 * per row, the layout numpy, Keras and CSV files use.
 *
 * <ol>
 *   <li><b>Classification.</b> Points in the square [-1, 1]², labelled 1 inside the circle of
 *       radius 0.6 and 0 outside. {@code Dataset.ofRows(points, labels)} (two classes,
 *       inferred from the labels), a 2-16-2 tanh/softmax network, log-likelihood cost, Adam; the
 *       accuracy on held-out points after training.</li>
 *   <li><b>Regression.</b> y = sin(x) on [-π, π]. {@code Dataset.regressionOfRows(x, y)} (one
 *       real-valued target per example), a 1-20-1 network with an identity output, quadratic
 *       cost (the mean squared error), Adam; {@code Monitor.costs} reports the training and
 *       validation cost as it learns, and {@code Monitor.meanSquaredError} the final error.</li>
 * </ol>
 * Both networks are saved to JSON strings with {@code Snapshots.toJson} (a database column, an
 * HTTP body) and read back with {@code Snapshots.fromJson}; the copies predict exactly what the
 * originals do.
 *
 * <pre>
 * --points N     training points for each problem (default 400)
 * --epochs N     regression epochs (default 300); classification trains for a third of them
 * </pre>
 */
public final class OwnData {
    private OwnData() {}

    /**
     * What the run produced.
     *
     * @param accuracy        the classifier on held-out points
     * @param meanSquaredError the regression network on held-out x, in the targets' units squared
     * @param classifierJson  the classifier as JSON
     * @param regressionJson  the regression network as JSON
     * @param reloadedAgree   whether both networks read back from their JSON predict what the originals did
     */
    public record Result(Evaluation accuracy, double meanSquaredError, String classifierJson, String regressionJson,
                         boolean reloadedAgree) {}

    public static void main(String[] args) {
        run(args);
    }

    public static Result run(String... args) {
        Args options = Args.parse(args, "--points", "--epochs");
        int points = options.integer("--points", 400);
        int epochs = options.integer("--epochs", 300);

        // 1. Classification from rows: double[n][features] and int[n] labels.
        Dataset circle = circle(points, 1);
        Dataset heldOut = circle(points / 4, 2);
        System.out.println("Classification: " + circle);
        Network classifier = Network.input(2).dense(16, tanh()).dense(2, softmax()).initialize(Init.xavier(), seed(1));
        Epoch trained = Sgd.eta(0.01).miniBatch(16).cost(Cost.logLikelihood()).rule(UpdateRule.adam())
                .epochs(classifier, circle, seed(1))
                .drop(1).take(Math.max(1, epochs / 3))
                .map(e -> e.evaluate(heldOut))
                .last();
        Network circleNet = trained.network();
        System.out.println("  held-out accuracy after " + trained.index() + " epochs: " + trained.evaluation());

        // 2. Regression from rows: double[n][features] and double[n] targets.
        Dataset sine = sine(points, 0);
        Dataset between = sine(points / 4, 0.5);  // points between the training ones
        System.out.println("Regression: " + sine);
        Network start = Network.input(1).dense(20, tanh()).dense(1, identity()).initialize(Init.xavier(), seed(2));
        Monitor costs = Monitor.costs(sine, between, Cost.quadratic());  // no accuracy: the targets are real numbers
        Epoch fitted = Sgd.eta(0.01).miniBatch(10).cost(Cost.quadratic()).rule(UpdateRule.adam())
                .epochs(start, sine, seed(2))
                .drop(1).take(epochs)
                .map(costs)
                .peek(e -> {
                    if (e.index() % 50 == 0) {
                        System.out.printf("  epoch %3d  training cost %.6f  validation cost %.6f%n",
                                e.index(), e.metrics().trainingCost().get(), e.metrics().evaluationCost().get());
                    }
                })
                .last();
        Network sineNet = fitted.network();
        double mse = Monitor.meanSquaredError(sineNet, between);
        System.out.printf("  held-out mean squared error %.2e (RMS %.4f)%n", mse, Math.sqrt(mse));

        // 3. Save both to strings and read them back; the copies predict the same numbers.
        String classifierJson = Snapshots.toJson(circleNet);
        String regressionJson = Snapshots.toJson(sineNet);
        Network circleBack = Snapshots.fromJson(classifierJson);
        Network sineBack = Snapshots.fromJson(regressionJson);
        Matrix probe = Matrix.of(new double[][] {{0.0, 0.9}, {0.1, -0.8}});     // two points, one per column
        Matrix xs = Matrix.of(new double[][] {{-2.0, 0.5, 1.5}});               // three x values, one per column
        boolean agree = java.util.Arrays.equals(circleNet.classify(probe), circleBack.classify(probe))
                && sineNet.feedforward(xs).equals(sineBack.feedforward(xs));
        int[] classes = circleBack.classify(probe);
        Matrix ys = sineBack.feedforward(xs);
        System.out.println("Read back from JSON (" + classifierJson.length() + " and " + regressionJson.length() + " characters):");
        System.out.println("  (0.0, 0.1) is " + (classes[0] == 1 ? "inside" : "outside") + ", (0.9, -0.8) is "
                + (classes[1] == 1 ? "inside" : "outside"));
        for (int j = 0; j < xs.cols(); j++) {
            System.out.printf("  sin(%.1f) = %.4f, the network says %.4f%n", xs.get(0, j), Math.sin(xs.get(0, j)), ys.get(0, j));
        }
        return new Result(trained.evaluation(), mse, classifierJson, regressionJson, agree);
    }

    /** n points uniform in [-1, 1]², one per row; label 1 inside the circle of radius 0.6. */
    static Dataset circle(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] points = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            points[i][0] = 2 * rng.nextDouble() - 1;
            points[i][1] = 2 * rng.nextDouble() - 1;
            labels[i] = Math.hypot(points[i][0], points[i][1]) < 0.6 ? 1 : 0;
        }
        return Dataset.ofRows(points, labels, 2);
    }

    /** y = sin(x) at n evenly spread x in [-π, π], shifted by {@code shift} steps; one example per row. */
    static Dataset sine(int n, double shift) {
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = -Math.PI + 2 * Math.PI * (i + shift) / n;
            y[i] = Math.sin(x[i][0]);
        }
        return Dataset.regressionOfRows(x, y);
    }
}
