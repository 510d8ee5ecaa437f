package dev.purenet.examples;

import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.Spec;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import dev.purenet.train.UpdateRule;
import io.vavr.collection.List;
import java.nio.file.Path;

/**
 * Your own parts, first class: a swish activation and an update rule that clips each update,
 * written through the public extension API, registered once under their names, then trained
 * in the same engine as the built-ins, recorded in a snapshot, read back and resumed bit for bit.
 *
 * <pre>
 * --data DIR        MNIST directory, fetched there when missing (default data/mnist)
 * --epochs N        epochs to train (default 10)
 * --train-size N    train on the first N of the 50,000 training images (default all)
 * --out DIR         where the snapshot goes (default target/examples/own-parts)
 * </pre>
 */
public final class OwnParts {
    private OwnParts() {}

    /**
     * swish(z) = z·σ(z) (Ramachandran et al. 2017). Only σ and σ′ are written: the kernels that
     * the engine runs on whole batches come from {@link Activation.Elementwise}.
     */
    static final Activation SWISH = Activation.Elementwise.of("swish",
            z -> z / (1 + Math.exp(-z)),
            z -> {
                double s = 1 / (1 + Math.exp(-z));
                return s + z * s * (1 - s);
            });

    /**
     * The learning rate, with each update clipped to [−limit, limit]: a rule with a parameter,
     * so its spec names it and the registry rebuilds it from that spec.
     *
     * @param limit the largest step one weight may take in one mini-batch
     */
    record ClippedRate(double limit) implements UpdateRule {
        @Override
        public Spec spec() {
            return Spec.of("clipped-rate", "limit", limit);
        }

        /** Works in place on one parameter array: the engine calls it on its own buffers. */
        @Override
        public void update(Slot slot, Step step) {
            double f = -step.eta() / step.batchSize();
            double[] u = slot.updates();
            for (int i = 0; i < u.length; i++) {
                u[i] = Math.max(-limit, Math.min(limit, u[i] * f));
            }
        }
    }

    /** Once per JVM, before reading or writing files that name them. */
    static {
        Activation.registry().register(SWISH);
        UpdateRule.registry().register("clipped-rate", spec -> new ClippedRate(spec.get("limit")));
    }

    /**
     * What the run produced.
     *
     * @param epochs   every epoch, evaluated on the test set
     * @param snapshot the snapshot written after the middle epoch
     * @param resumed  the epochs trained again from that snapshot
     * @param final_   the test accuracy of the last epoch
     */
    public record Result(List<Epoch> epochs, Path snapshot, List<Epoch> resumed, Evaluation final_) {}

    public static void main(String[] args) {
        run(args);
    }

    public static Result run(String... args) {
        Args options = Args.parse(args, "--data", "--epochs", "--train-size", "--out");
        Mnist mnist = MnistFetch.loadOrFetch(options.path("--data", "data/mnist"), System.err::println);
        Dataset training = mnist.training().take(options.integer("--train-size", 50_000));
        int epochs = options.integer("--epochs", 10);

        var architecture = Network.input(784).dense(30, SWISH).dense(10, Activation.softmax());
        Experiment experiment = Experiment.of(architecture, Init.he(), 1, training)
                .withCost(Cost.logLikelihood()).withEta(0.1).withEpochs(epochs)
                .withRule(UpdateRule.l2(1.0).then(new ClippedRate(0.05)));
        System.out.println("Training " + architecture + " with " + experiment.rule().describe());

        Monitor monitor = Monitor.of(training, mnist.test(), Cost.logLikelihood()).measuring(false, false, false, true);
        List<Epoch> run = experiment.run(training, monitor).toList();
        run.tail().forEach(e -> System.out.println("Epoch " + e.index() + ": " + e.evaluation()));

        // A snapshot names every part: "swish", {"name": "clipped-rate", "limit": 0.05}.
        int middle = Math.max(1, epochs / 2);
        Path snapshot = options.path("--out", "target/examples/own-parts").resolve("epoch-" + middle + ".json");
        Snapshots.write(snapshot, run.get(middle), experiment);
        Snapshots.Recorded recorded = Snapshots.readEpoch(snapshot);
        List<Epoch> resumed = recorded.experiment().resume(recorded.epoch(), training, monitor).toList();
        System.out.println("Resumed from " + snapshot + ": the last epoch is "
                + (resumed.last().equals(run.last()) ? "bit-identical" : "DIFFERENT"));
        return new Result(run, snapshot, resumed, run.last().evaluation());
    }
}
