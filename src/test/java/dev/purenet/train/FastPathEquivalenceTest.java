package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Dense;
import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Sgd}'s epochs in the training workspace equal the composition of the pure steps
 * (shuffle, {@link Backprop#backprop}, the update chain's {@link UpdateRule#apply},
 * {@link UpdateRule#applyTo}) bit for bit: the same network and the same optimizer state after
 * every epoch, for every built-in activation, cost and update rule, and for the user's own.
 */
class FastPathEquivalenceTest {

    /** The pure loop, written out here from public pieces so it does not share code with Sgd. */
    static Epoch pureEpoch(Sgd sgd, Epoch epoch, Dataset training) {
        int index = epoch.index() + 1;
        double eta = sgd.schedule().eta(index, sgd.eta());
        int[] order = Sgd.shuffleSeed(epoch.seed(), index).rng().permutation(training.size());
        Network network = epoch.network();
        boolean carried = epoch.optimizerState().size() == sgd.rule().stateSlots();
        Vector<Gradient> state = carried ? epoch.optimizerState() : sgd.rule().init(network);
        long steps = carried ? epoch.steps() : 0;
        for (int from = 0; from < training.size(); from += sgd.miniBatchSize()) {
            int to = Math.min(training.size(), from + sgd.miniBatchSize());
            Batch batch = training.batch(order, from, to);
            Gradient gradient = Backprop.backprop(network, batch, sgd.cost());
            UpdateRule.Result step = sgd.rule().apply(gradient, state, network,
                    new UpdateRule.Step(eta, batch.size(), training.size(), ++steps));
            network = UpdateRule.applyTo(network, step.updates());
            state = step.state();
        }
        return epoch.next(network, state, steps, eta);
    }

    /** A network with the given sizes and one activation per layer, N(0, 1/n_in) weights. */
    static Network network(long seedValue, int[] sizes, Activation... activations) {
        Rng rng = new Rng(seedValue);
        Vector<Layer> layers = Vector.empty();
        for (int k = 0; k + 1 < sizes.length; k++) {
            double scale = 1 / Math.sqrt(sizes[k]);
            layers = layers.append(new Dense(
                    Matrix.generate(sizes[k + 1], sizes[k], (i, j) -> rng.nextGaussian() * scale),
                    Matrix.generate(sizes[k + 1], 1, (i, j) -> rng.nextGaussian()), activations[k]));
        }
        return new Network(layers);
    }

    /** {@code n} examples of {@code features} byte pixels (about a third zero, like MNIST's background). */
    static Dataset data(long seedValue, int features, int n, int classes) {
        Rng rng = new Rng(seedValue);
        byte[] pixels = new byte[features * n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextInt(3) == 0 ? 0 : (byte) rng.nextInt(256);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return Dataset.ofBytes(features, pixels, labels, classes);
    }

    static Stream<Arguments> configurations() {
        Activation sig = Activation.sigmoid();
        Activation tanh = Activation.tanh();
        Activation relu = Activation.relu();
        Activation id = Activation.identity();
        Activation soft = Activation.softmax();
        int[] small = {12, 9, 4};
        int[] deep = {12, 9, 7, 4};
        return Stream.of(
                Arguments.of("chapter 1: sigmoid, quadratic, plain SGD", network(1, small, sig, sig),
                        Sgd.eta(3.0).miniBatch(10), 53, 3),
                Arguments.of("chapter 3: cross-entropy + sigmoid, L2", network(2, small, sig, sig),
                        Sgd.eta(0.5).miniBatch(7).cost(Cost.crossEntropy()).l2(5.0), 53, 3),
                Arguments.of("relu/softmax, log-likelihood, momentum carried across epochs", network(3, small, relu, soft),
                        Sgd.eta(0.1).miniBatch(10).cost(Cost.logLikelihood()).momentum(0.9), 53, 3),
                Arguments.of("tanh/identity, quadratic, L1 then momentum", network(4, small, tanh, id),
                        Sgd.eta(0.05).miniBatch(4).l1(0.5).momentum(0.5), 53, 3),
                Arguments.of("three layers relu/tanh/softmax, cross-entropy through softmax, L2 + L1 + momentum",
                        network(5, deep, relu, tanh, soft),
                        Sgd.eta(0.2).miniBatch(6).cost(Cost.crossEntropy()).momentum(0.3).l2(1.0).l1(0.2), 41, 2),
                Arguments.of("identity/sigmoid, log-likelihood without softmax", network(6, small, id, sig),
                        Sgd.eta(0.3).miniBatch(5).cost(Cost.logLikelihood()), 53, 2),
                Arguments.of("sigmoid/softmax, quadratic through softmax", network(7, small, sig, soft),
                        Sgd.eta(1.0).miniBatch(8).cost(Cost.quadratic()), 53, 2),
                Arguments.of("tanh/sigmoid, cross-entropy", network(8, small, tanh, sig),
                        Sgd.eta(0.4).miniBatch(9).cost(Cost.crossEntropy()), 53, 2),
                Arguments.of("mini-batch of one", network(9, small, sig, sig), Sgd.eta(3.0).miniBatch(1), 23, 2),
                Arguments.of("mini-batch larger than the data", network(10, small, sig, sig), Sgd.eta(3.0).miniBatch(100), 53, 2),
                Arguments.of("a step-decay schedule", network(11, small, sig, sig),
                        Sgd.eta(3.0).miniBatch(10).schedule(Schedule.stepDecay(1, 0.5)), 53, 3),
                Arguments.of("a chain in an unusual order: learning rate, momentum, then L2", network(12, small, sig, sig),
                        Sgd.eta(0.5).miniBatch(10).rule(UpdateRule.learningRate().then(UpdateRule.momentum(0.5)).then(UpdateRule.l2(2.0))),
                        53, 3),
                Arguments.of("784-30-10 sigmoid, the products at MNIST's size", network(13, new int[] {784, 30, 10}, sig, sig),
                        Sgd.eta(3.0).miniBatch(10), 203, 2),
                Arguments.of("784-30-10 cross-entropy, L2, m = 100", network(14, new int[] {784, 30, 10}, sig, sig),
                        Sgd.eta(0.5).miniBatch(100).cost(Cost.crossEntropy()).l2(5.0), 250, 2),
                Arguments.of("Nesterov momentum carried across epochs", network(15, small, tanh, soft),
                        Sgd.eta(0.1).miniBatch(10).cost(Cost.logLikelihood()).rule(UpdateRule.learningRate()
                                .then(UpdateRule.nesterov(0.9))), 53, 3),
                Arguments.of("Adam after L2, its step count carried across epochs", network(16, small, relu, soft),
                        Sgd.eta(0.01).miniBatch(10).cost(Cost.logLikelihood()).rule(UpdateRule.l2(1.0).then(UpdateRule.adam())),
                        53, 3),
                Arguments.of("RMSProp, a last mini-batch of 3", network(17, deep, sig, relu, sig),
                        Sgd.eta(0.01).miniBatch(10).cost(Cost.crossEntropy()).rule(UpdateRule.rmsprop(0.8, 1e-6)), 53, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void fastEpochsEqualThePureStepsBitForBit(String name, Network start, Sgd sgd, int examples, int epochs) {
        Dataset training = data(start.sizes().stream().mapToLong(Integer::longValue).sum(), start.inputSize(), examples, start.outputSize());
        List<Epoch> fast = sgd.epochs(start, training, seed(42)).take(epochs + 1).toJavaList();
        Epoch pure = Epoch.start(start, seed(42));
        for (int e = 1; e <= epochs; e++) {
            pure = pureEpoch(sgd, pure, training);
            Epoch actual = fast.get(e);
            assertEquals(pure.network(), actual.network(), name + ": network after epoch " + e);
            assertEquals(pure.optimizerState(), actual.optimizerState(), name + ": optimizer state after epoch " + e);
            assertEquals(pure.eta(), actual.eta(), name + ": learning rate of epoch " + e);
            assertEquals(pure.steps(), actual.steps(), name + ": step count after epoch " + e);
        }
        assertTrue(!fast.get(epochs).network().equals(start), name + ": training must change the network");
    }

    /** The built-in sigmoid, quadratic cost and learning rate, written again through the public extension API. */
    static final Activation USER_SIGMOID = Activation.Elementwise.of("user-sigmoid", z -> 1 / (1 + Math.exp(-z)), z -> {
        double s = 1 / (1 + Math.exp(-z));
        return s * (1 - s);
    });
    static final Activation USER_SIGMOID_FROM_OUTPUT = Activation.Elementwise.ofOutput("user-sigmoid-a",
            z -> 1 / (1 + Math.exp(-z)), a -> a * (1 - a));
    static final Cost USER_QUADRATIC = Cost.Elementwise.of("user-quadratic", (a, y) -> 0.5 * (a - y) * (a - y), (a, y) -> a - y);
    static final UpdateRule USER_LEARNING_RATE = new UpdateRule() {
        @Override
        public dev.purenet.Spec spec() {
            return dev.purenet.Spec.of("user-learning-rate");
        }

        @Override
        public void update(Slot slot, Step step) {
            double f = -step.eta() / step.batchSize();
            double[] u = slot.updates();
            for (int e = 0; e < u.length; e++) {
                u[e] = u[e] * f;
            }
        }
    };

    private static Network withActivations(Network network, Activation activation) {
        return new Network(network.layers().map(l -> (Layer) new Dense(((Dense) l).weights(), ((Dense) l).biases(), activation)));
    }

    @Test
    void userPartsTrainInTheWorkspaceOnTheBuiltInsBits() {
        Network builtIn = network(20, new int[] {12, 9, 4}, Activation.sigmoid(), Activation.sigmoid());
        Dataset training = data(21, 12, 31, 4);
        Sgd sgd = Sgd.eta(3.0).miniBatch(10);
        Network expected = sgd.on(training).apply(Epoch.start(builtIn, seed(5))).network();
        record Case(String name, Network network, Sgd sgd) {}
        for (Case c : List.of(new Case("user sigmoid", withActivations(builtIn, USER_SIGMOID), sgd),
                new Case("user sigmoid from its output", withActivations(builtIn, USER_SIGMOID_FROM_OUTPUT), sgd),
                new Case("user cost", builtIn, sgd.cost(USER_QUADRATIC)),
                new Case("user rule", builtIn, sgd.rule(USER_LEARNING_RATE)))) {
            Epoch trained = c.sgd().on(training).apply(Epoch.start(c.network(), seed(5)));
            assertEquals(expected.layers().map(Layer::parameters), trained.network().layers().map(Layer::parameters), c.name());
            Epoch pure = pureEpoch(c.sgd(), Epoch.start(c.network(), seed(5)), training);
            assertEquals(pure.network(), trained.network(), c.name() + ": workspace against the pure steps");
        }
    }

    @Test
    void aUserRuleWithStateTrainsAsItsPureFormDoes() {
        // Averages the last two updates: state is one array per parameter, as momentum's.
        UpdateRule smoothing = new UpdateRule() {
            @Override
            public dev.purenet.Spec spec() {
                return dev.purenet.Spec.of("smoothing");
            }

            @Override
            public int stateSlots() {
                return 1;
            }

            @Override
            public void update(Slot slot, Step step) {
                double[] u = slot.updates();
                double[] last = slot.state(0);
                for (int e = 0; e < u.length; e++) {
                    double now = u[e];
                    u[e] = 0.5 * (now + last[e]);
                    last[e] = now;
                }
            }
        };
        Network start = network(23, new int[] {12, 9, 4}, Activation.tanh(), Activation.softmax());
        Dataset training = data(24, 12, 37, 4);
        Sgd sgd = Sgd.eta(0.5).miniBatch(5).cost(Cost.logLikelihood()).rule(UpdateRule.learningRate().then(smoothing));
        Epoch pure = Epoch.start(start, seed(6));
        List<Epoch> fast = sgd.epochs(start, training, seed(6)).take(3).toJavaList();
        for (int e = 1; e <= 2; e++) {
            pure = pureEpoch(sgd, pure, training);
            assertEquals(pure.network(), fast.get(e).network());
            assertEquals(pure.optimizerState(), fast.get(e).optimizerState());
        }
    }

    @Test
    void handingOverToARuleWithAnotherStateStartsItsStateAfresh() {
        Network start = network(30, new int[] {12, 9, 4}, Activation.sigmoid(), Activation.sigmoid());
        Dataset training = data(31, 12, 40, 4);
        Epoch withMomentum = Sgd.eta(1.0).momentum(0.5).on(training).apply(Epoch.start(start, seed(3)));
        Sgd adam = Sgd.eta(0.01).rule(UpdateRule.adam());
        Epoch fast = adam.on(training).apply(withMomentum);
        Epoch pure = pureEpoch(adam, withMomentum, training);
        assertEquals(pure.network(), fast.network());
        assertEquals(2, fast.optimizerState().size());
        assertEquals(4, fast.steps(), "Adam counts its own steps from 1");
        Sgd moreMomentum = Sgd.eta(1.0).momentum(0.9);
        Epoch carried = moreMomentum.on(training).apply(withMomentum);
        assertEquals(pureEpoch(moreMomentum, withMomentum, training).network(), carried.network());
        assertEquals(8, carried.steps(), "the velocity and its count are carried over to a rule of the same shape");
    }

    @Test
    void gatherFillsTheSameValuesAsBatch() {
        Dataset training = data(40, 12, 30, 4).slice(5, 25);
        int[] order = {3, 19, 0, 7, 7, 12};
        double[] inputs = new double[12 * 6];
        double[] targets = new double[4 * 6];
        java.util.Arrays.fill(targets, 9.0); // stale values from an earlier batch must not survive
        training.gather(order, 1, 5, inputs, targets);
        Batch expected = training.batch(order, 1, 5);
        assertEquals(expected.inputs(), Matrix.fromColumnMajor(12, 4, java.util.Arrays.copyOf(inputs, 48)));
        assertEquals(expected.targets(), Matrix.fromColumnMajor(4, 4, java.util.Arrays.copyOf(targets, 16)));
    }
}
