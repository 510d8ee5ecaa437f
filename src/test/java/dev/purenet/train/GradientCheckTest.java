package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Fixtures;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Batched backprop against central finite differences of the cost, for every weight and bias. */
class GradientCheckTest {
    private static final double H = 1e-5;
    private static final double TOLERANCE = 1e-6;
    /** Below this size a gradient is compared absolutely: finite differences cannot resolve it relatively. */
    private static final double FLOOR = 1e-4;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(new int[] {3, 4, 2}, 11L, 5),
                Arguments.of(new int[] {5, 7, 6, 3}, 12L, 4),
                Arguments.of(new int[] {4, 8, 8, 8, 2}, 13L, 6),
                Arguments.of(new int[] {2, 1}, 14L, 1));
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void backpropMatchesCentralDifferences(int[] sizes, long seed, int m) {
        Network network = Fixtures.network(seed, sizes);
        Batch batch = Fixtures.batchFor(network, seed + 100, m);
        Cost cost = Cost.quadratic();
        Gradient gradient = Backprop.backprop(network, batch, cost);
        double worst = 0;
        for (int k = 0; k < network.layers().size(); k++) {
            Layer layer = network.layers().get(k);
            int layerIndex = k;
            for (int p = 0; p < layer.parameters().size(); p++) {
                int parameter = p;
                worst = Math.max(worst, check(layer.parameters().get(p), gradient.layers().get(k).parameters().get(p),
                        value -> network.withLayer(layerIndex, layer.withParameters(layer.parameters().update(parameter, value))),
                        batch, cost));
            }
        }
        assertTrue(worst < TOLERANCE, "worst relative error " + worst);
    }

    /** The worst relative error between {@code analytic} and finite differences over every element of {@code parameter}. */
    private static double check(Matrix parameter, Matrix analytic, java.util.function.Function<Matrix, Network> withParameter,
                                Batch batch, Cost cost) {
        double worst = 0;
        double[] values = parameter.toColumnMajorArray();
        for (int i = 0; i < values.length; i++) {
            double plus = costWith(values, i, +H, parameter, withParameter, batch, cost);
            double minus = costWith(values, i, -H, parameter, withParameter, batch, cost);
            double numeric = (plus - minus) / (2 * H);
            double exact = analytic.toColumnMajorArray()[i];
            double error = Math.abs(exact - numeric) / Math.max(FLOOR, Math.max(Math.abs(exact), Math.abs(numeric)));
            worst = Math.max(worst, error);
        }
        return worst;
    }

    private static double costWith(double[] values, int index, double delta, Matrix parameter,
                                   java.util.function.Function<Matrix, Network> withParameter, Batch batch, Cost cost) {
        double[] nudged = values.clone();
        nudged[index] += delta;
        Network n = withParameter.apply(Matrix.fromColumnMajor(parameter.rows(), parameter.cols(), nudged));
        return Backprop.cost(n, batch, cost);
    }
}
