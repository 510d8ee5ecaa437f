package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Fixtures;
import dev.purenet.Init;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every cost, hidden activation and output activation that make sense
 * together, with and without weight decay: backprop (plus the decay rule's term) equals
 * central finite differences of the total cost (plus the matching penalty).
 */
class CostActivationContractTest {
    private static final double H = 1e-4;
    private static final int TRAINING_SIZE = 50;

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        List<Activation> hidden = List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.identity());
        for (Cost cost : List.of(Cost.quadratic(), Cost.crossEntropy(), Cost.logLikelihood())) {
            // Cross-entropy and log-likelihood need outputs in (0, 1).
            List<Activation> outputs = cost == Cost.quadratic()
                    ? List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.identity(), Activation.softmax())
                    : List.of(Activation.sigmoid(), Activation.softmax());
            for (Activation h : hidden) {
                for (Activation o : outputs) {
                    for (String penalty : List.of("none", "l2", "l1")) {
                        all.add(Arguments.of(cost.name(), h.name(), o.name(), penalty));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} cost, {1}/{2}, penalty {3}")
    @MethodSource("combinations")
    void backpropMatchesFiniteDifferences(String costName, String hiddenName, String outputName, String penalty) {
        Cost cost = Cost.named(costName);
        Network network = Network.of(4, 5, 3, 3).activations(Activation.named(hiddenName), Activation.named(outputName))
                .initialize(Init.scaled(), seed(costName.hashCode() * 31L + hiddenName.hashCode() + outputName.hashCode()));
        Batch batch = Fixtures.batchFor(network, 7, 6);
        double lambda = 0.7;
        int m = batch.size();
        UpdateRule.Step step = new UpdateRule.Step(1.0, m, TRAINING_SIZE);
        Gradient gradient = Backprop.backprop(network, batch, cost);
        Gradient analytic = switch (penalty) {
            case "l2" -> UpdateRule.l2(lambda).apply(gradient, Vector.empty(), network, step).updates();
            case "l1" -> UpdateRule.l1(lambda).apply(gradient, Vector.empty(), network, step).updates();
            default -> gradient;
        };
        Function<Network, Double> total = n -> Backprop.cost(n, batch, cost) + penalty(n, penalty, lambda, m);

        double worst = 0;
        for (int k = 0; k < network.layers().size(); k++) {
            Layer layer = network.layers().get(k);
            int index = k;
            for (int p = 0; p < layer.parameters().size(); p++) {
                int parameter = p;
                worst = Math.max(worst, check(layer.parameters().get(p), analytic.layers().get(k).parameters().get(p),
                        value -> network.withLayer(index, layer.withParameters(layer.parameters().update(parameter, value))), total));
            }
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    /** The penalty whose gradient the decay rule adds: (mλ/2n)Σw² for L2, (mλ/n)Σ|w| for L1. */
    private static double penalty(Network n, String penalty, double lambda, int m) {
        double factor = m * lambda / TRAINING_SIZE;
        return switch (penalty) {
            case "l2" -> 0.5 * factor * n.layers().map(l -> l.parameters().get(0).squaredNorm()).sum().doubleValue();
            case "l1" -> factor * n.layers().map(l -> l.parameters().get(0).map(Math::abs).sum()).sum().doubleValue();
            default -> 0;
        };
    }

    private static Network nudged(Matrix parameter, double[] values, int i, double delta,
                                  Function<Matrix, Network> withParameter) {
        double[] copy = values.clone();
        copy[i] += delta;
        return withParameter.apply(Matrix.fromColumnMajor(parameter.rows(), parameter.cols(), copy));
    }

    /** The worst relative error against the five-point central difference, accurate to O(h⁴). */
    private static double check(Matrix parameter, Matrix analytic, Function<Matrix, Network> withParameter,
                                Function<Network, Double> total) {
        double worst = 0;
        double[] values = parameter.toColumnMajorArray();
        double[] exact = analytic.toColumnMajorArray();
        for (int i = 0; i < values.length; i++) {
            double numeric = (-total.apply(nudged(parameter, values, i, 2 * H, withParameter))
                    + 8 * total.apply(nudged(parameter, values, i, H, withParameter))
                    - 8 * total.apply(nudged(parameter, values, i, -H, withParameter))
                    + total.apply(nudged(parameter, values, i, -2 * H, withParameter))) / (12 * H);
            worst = Math.max(worst, Math.abs(exact[i] - numeric) / Math.max(1e-4, Math.max(Math.abs(exact[i]), Math.abs(numeric))));
        }
        return worst;
    }
}
