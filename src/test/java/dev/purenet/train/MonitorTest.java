package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class MonitorTest {
    private final Dataset training = Synthetic.rings(2500, Seed.seed(1));
    private final Dataset evaluation = Synthetic.rings(1500, Seed.seed(2));
    private final Network network = Network.of(2, 6, 3).scaled(Seed.seed(3));

    @Test
    void totalCostIsTheMeanCostPlusNetwork2sL2Term() {
        var all = training.range(0, training.size());
        double mean = Cost.crossEntropy().value(network.feedforward(all.inputs()), all.targets()) / training.size();
        double weights = network.layers().map(l -> l.parameters().get(0).squaredNorm()).sum().doubleValue();
        assertEquals(mean, Monitor.totalCost(network, training, Cost.crossEntropy(), 0), 1e-12);
        assertEquals(mean + 0.5 * (5.0 / training.size()) * weights,
                Monitor.totalCost(network, training, Cost.crossEntropy(), 5.0), 1e-12);
    }

    @Test
    void theL1TermIsPartOfTheReportedCost() {
        double absolute = network.layers().map(l -> l.parameters().get(0).map(Math::abs).sum()).sum().doubleValue();
        assertEquals(Monitor.totalCost(network, training, Cost.quadratic(), 5.0) + (0.3 / training.size()) * absolute,
                Monitor.totalCost(network, training, Cost.quadratic(), 5.0, 0.3), 1e-12);
        Epoch e = Epoch.start(network, Seed.seed(1));
        double measured = Monitor.of(training, evaluation, Cost.quadratic()).withL2(5.0).withL1(0.3).withTrainingCost()
                .apply(e).metrics().trainingCost().get();
        assertEquals(Monitor.totalCost(network, training, Cost.quadratic(), 5.0, 0.3), measured);
    }

    @Test
    void measuresOnlyWhatWasAskedFor() {
        Epoch e = Epoch.start(network, Seed.seed(1));
        Metrics none = Monitor.of(training, evaluation, Cost.quadratic()).measuring(false, false, false, false).apply(e).metrics();
        assertEquals(Metrics.NONE, none);
        Metrics all = Monitor.of(training, evaluation, Cost.quadratic()).measuring(true, true, true, true).apply(e).metrics();
        assertEquals(java.util.Optional.of(Evaluation.of(network, training)), all.trainingAccuracy());
        assertEquals(java.util.Optional.of(Evaluation.of(network, evaluation)), all.evaluationAccuracy());
        assertEquals(Monitor.totalCost(network, evaluation, Cost.quadratic(), 0), all.evaluationCost().get());
        assertEquals(1500, all.evaluationAccuracy().get().total());
    }

    @Test
    void theWithMethodsSwitchMeasurementsOn() {
        Monitor m = Monitor.of(training, evaluation, Cost.quadratic());
        assertEquals(m.measuring(true, true, true, true), m.withTrainingCost().withTrainingAccuracy().withEvaluationCost());
        assertEquals(Monitor.all(training, evaluation, Cost.quadratic()), m.measuring(true, true, true, true));
        assertTrue(m.evaluationAccuracy() && !m.trainingCost());
    }

    @Test
    void nonFiniteCostsMeanDivergence() {
        assertFalse(Metrics.NONE.withTrainingCost(3.0).diverged());
        assertTrue(Metrics.NONE.withTrainingCost(Double.NaN).diverged());
        assertTrue(Metrics.NONE.withEvaluationCost(Double.POSITIVE_INFINITY).diverged());
    }
}
