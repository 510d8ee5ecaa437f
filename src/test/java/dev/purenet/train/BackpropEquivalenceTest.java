package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Fixtures;
import dev.purenet.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batched backprop equals the sum of network.py's per-example backprop over the batch's columns. */
class BackpropEquivalenceTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 37})
    void batchedEqualsSumOfPerExample(int m) {
        for (int[] sizes : new int[][] {{3, 4, 2}, {784, 30, 10}, {5, 7, 6, 3}}) {
            Network network = Fixtures.network(m * 31L + sizes.length, sizes);
            Batch batch = Fixtures.batchFor(network, m, m);
            Gradient batched = Backprop.backprop(network, batch, Cost.quadratic());
            Gradient summed = Gradient.zeros(network);
            for (int j = 0; j < m; j++) {
                Batch one = batch.example(j);
                summed = summed.plus(Backprop.backpropPerExample(network, one.inputs(), one.targets(), Cost.quadratic()));
            }
            double difference = batched.maxAbsDifference(summed);
            assertTrue(difference < 1e-10, "m=" + m + ", sizes " + java.util.Arrays.toString(sizes) + ": " + difference);
        }
    }
}
