package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Dense;
import dev.purenet.Ensemble;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Ensemble}: mean outputs, majority vote, and members trained from several seeds. */
class EnsembleTest {
    /** A network whose output for the input 1 is {@code outputs} (one input, identity output layer). */
    private static Network answering(double... outputs) {
        return new Network(Vector.of(new Dense(Matrix.fromColumnMajor(outputs.length, 1, outputs),
                Matrix.zeros(outputs.length, 1), Activation.identity())));
    }

    private static final Matrix ONE = Matrix.column(1.0);

    private static Dataset randomData(int examples, int features, int classes, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[examples][features];
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < features; j++) {
                rows[i][j] = random.nextDouble() + (j % classes == labels[i] ? 0.5 : 0.0);
            }
        }
        return Dataset.ofRows(rows, labels, classes);
    }

    @Test
    void anEnsembleOfOneNetworkRepeatedAnswersAsThatNetwork() {
        Dataset data = randomData(300, 6, 3, 1);
        Network net = Network.of(6, 5, 3).sigmoid().gaussian(Seed.seed(4));
        Ensemble three = Ensemble.of(net, net, net);
        assertEquals(ConfusionMatrix.of(net, data), ConfusionMatrix.of(three, data));
        assertEquals(ConfusionMatrix.of(net, data), ConfusionMatrix.byVote(three, data));
        assertEquals(Evaluation.of(net, data), Evaluation.of(three, data));
        Matrix x = data.range(0, 300).inputs();
        double[] single = net.feedforward(x).toColumnMajorArray();
        double[] mean = three.feedforward(x).toColumnMajorArray();
        for (int i = 0; i < single.length; i++) {
            assertEquals(single[i], mean[i], 1e-15);
        }
    }

    @Test
    void aConfidentMemberOutweighsTwoHesitantOnesWhenAveragingButNotWhenVoting() {
        Ensemble ensemble = Ensemble.of(answering(1.0, 0.0, 0.0), answering(0.4, 0.45, 0.0), answering(0.4, 0.45, 0.0));
        assertArrayEquals(new double[] {0.6, 0.3, 0.0}, ensemble.feedforward(ONE).toColumnMajorArray(), 1e-15);
        assertArrayEquals(new int[] {0}, ensemble.classify(ONE)); // mean (0.6, 0.3, 0)
        assertArrayEquals(new int[] {1}, ensemble.classifyByVote(ONE)); // two votes for class 1
        Dataset labelledZero = Dataset.of(ONE, new int[] {0}, 3);
        assertEquals(new Evaluation(1, 1), Evaluation.of(ensemble, labelledZero));
        assertEquals(new Evaluation(0, 1), Evaluation.byVote(ensemble, labelledZero));
    }

    @Test
    void aTiedVoteGoesToTheLowestClassWhileTheMeanDecides() {
        Ensemble ensemble = Ensemble.of(answering(0.0, 0.3, 0.9), answering(0.0, 0.5, 0.4));
        assertArrayEquals(new int[] {1}, ensemble.classifyByVote(ONE)); // one vote each for 2 and 1
        assertArrayEquals(new int[] {2}, ensemble.classify(ONE)); // mean (0, 0.4, 0.65)
    }

    @Test
    void networksOfOtherSizesAreRefusedByNumber() {
        Network ten = Network.of(784, 30, 10).sigmoid().gaussian(Seed.seed(1));
        Network five = Network.of(784, 30, 5).sigmoid().gaussian(Seed.seed(1));
        String message = assertThrows(IllegalArgumentException.class, () -> Ensemble.of(ten, ten, five)).getMessage();
        assertEquals("network 3 (784-30-5) has 784 inputs and 5 outputs but network 1 (784-30-10) has 784 and 10;"
                + " an ensemble's networks must agree on both", message);
        Network otherInputs = Network.of(100, 30, 10).sigmoid().gaussian(Seed.seed(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ensemble.of(ten, otherInputs)).getMessage()
                .startsWith("network 2 (100-30-10) has 100 inputs"));
        assertEquals("an ensemble needs at least one network, got none",
                assertThrows(IllegalArgumentException.class, Ensemble::of).getMessage());
        // Other hidden layers are fine: only what goes in and comes out must agree.
        assertEquals(2, Ensemble.of(ten, Network.of(784, 100, 10).sigmoid().gaussian(Seed.seed(1))).size());
    }

    @Test
    void dataWithOtherClassesIsRefused() {
        Ensemble ensemble = Ensemble.of(answering(1.0, 0.0, 0.0));
        String message = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(ensemble, Dataset.of(ONE, new int[] {0}, 2))).getMessage();
        assertEquals("the data has 2 classes but the ensemble's networks have 3 outputs", message);
    }

    @Test
    void membersAreTheExperimentRunFromEachSeed() {
        Dataset data = randomData(200, 6, 3, 2);
        Experiment experiment = Experiment.of(Network.of(6, 5, 3).sigmoid(), Init.scaled(), 99, data).withEpochs(3);
        Ensemble ensemble = Ensembles.train(experiment, data, 1, 2, 3);
        assertEquals(3, ensemble.size());
        for (int k = 0; k < 3; k++) {
            Network alone = experiment.withSeed(k + 1).run(data, e -> e).last().network();
            assertEquals(alone, ensemble.networks().get(k), "member " + (k + 1));
        }
        assertNotEquals(ensemble.networks().get(0), ensemble.networks().get(1));
        assertThrows(IllegalArgumentException.class, () -> Ensembles.train(experiment, data));
        assertThrows(IllegalArgumentException.class, () -> Ensembles.train(experiment, randomData(200, 6, 3, 3), 1));
    }
}
