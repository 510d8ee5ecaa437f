package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.train.Epoch;
import dev.purenet.train.Metrics;
import io.vavr.collection.Stream;
import org.junit.jupiter.api.Test;

class ImprovedLearningTest {

    @Test
    void monitorsAllFourMetricsAndStopsEarlyByTheRule() {
        int maxEpochs = 10;
        int patience = 2;
        ImprovedLearning.Result result = ImprovedLearning.run("--data", ExampleData.MNIST, "--epochs", "" + maxEpochs,
                "--train-size", "3000", "--validation-size", "2000", "--patience", "" + patience);
        Stream<Epoch> epochs = result.epochs();

        for (Epoch e : epochs) {
            Metrics m = e.metrics();
            assertTrue(m.trainingCost().isPresent() && m.trainingAccuracy().isPresent()
                    && m.evaluationCost().isPresent() && m.evaluationAccuracy().isPresent(), "all four metrics at epoch " + e.index());
            assertEquals(3000, m.trainingAccuracy().get().total());
            assertEquals(2000, m.evaluationAccuracy().get().total());
        }
        double bestAccuracy = epochs.map(Epoch::accuracy).max().get();
        assertEquals(bestAccuracy, result.best().accuracy());
        assertTrue(bestAccuracy > 0.8, "validation accuracy " + result.best().evaluation());
        assertTrue(result.test().accuracy() > 0.8, "test accuracy " + result.test());

        // Early stopping: the run ends at the limit, or right after `patience` epochs without a new best.
        assertEquals(result.stoppedEarly(), epochs.size() < maxEpochs);
        if (result.stoppedEarly()) {
            double bestBefore = epochs.dropRight(patience).map(Epoch::accuracy).max().get();
            assertTrue(epochs.takeRight(patience).forAll(e -> e.accuracy() <= bestBefore),
                    "the last " + patience + " epochs did not improve on " + bestBefore);
        }
    }
}
