package dev.purenet.report;

import dev.purenet.ConvPool;
import dev.purenet.Dense;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.train.ConfusionMatrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a run report shows, as plain values.
 *
 * @param history            the learning curves' data
 * @param configuration      the run's settings as text ("eta" → "3.0"), shown in this order
 * @param data               the examples the confusion matrix was computed on; misclassified
 *                           ones are drawn from here
 * @param dataLabel          what {@code data} is called in the report ("test")
 * @param confusion          the trained network's answers on {@code data}
 * @param firstLayerWeights  hidden neurons x input pixels, drawn one image per neuron; or, for a
 *                           convolution, feature maps x filter pixels, one image per filter
 */
public record ReportInput(RunHistory history, Map<String, String> configuration, Dataset data, String dataLabel,
        ConfusionMatrix confusion, Matrix firstLayerWeights) {

    /**
     * Copies the configuration (keeping its order) and checks that the parts fit together.
     *
     * @param history            the learning curves' data
     * @param configuration      the run's settings as text ("eta" → "3.0"), shown in this order
     * @param data               the examples the confusion matrix was computed on; misclassified
     *                           ones are drawn from here
     * @param dataLabel          what {@code data} is called in the report ("test")
     * @param confusion          the trained network's answers on {@code data}
     * @param firstLayerWeights  hidden neurons x input pixels, drawn one image per neuron; or
     *                           feature maps x filter pixels
     * @throws IllegalArgumentException if {@code dataLabel} is blank, the confusion matrix does
     *         not cover {@code data}, or the weights have neither one column per input nor the
     *         pixels of a square filter smaller than the input
     */
    public ReportInput {
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        if (dataLabel.isBlank()) {
            throw new IllegalArgumentException("expected a label for the data such as \"test\", got a blank one");
        }
        if (confusion.total() != data.size() || confusion.classes() != data.classes()) {
            throw new IllegalArgumentException("the confusion matrix covers " + confusion.total() + " examples of "
                    + confusion.classes() + " classes but the data has " + data.size() + " examples of "
                    + data.classes() + " classes");
        }
        int side = (int) Math.round(Math.sqrt(firstLayerWeights.cols()));
        boolean filter = side * side == firstLayerWeights.cols() && firstLayerWeights.cols() < data.features();
        if (firstLayerWeights.cols() != data.features() && !filter) {
            throw new IllegalArgumentException("expected first-layer weights with " + data.features()
                    + " columns (one per input of the data) or a square filter's pixels, got " + firstLayerWeights.shape());
        }
    }

    /**
     * The report of {@code network} (the trained one) on {@code data}: classifies every example once.
     *
     * @param history       the learning curves' data
     * @param configuration the run's settings as text, in display order
     * @param network       the trained network; its first layer's weights are drawn
     * @param data          the examples to classify, usually the test set
     * @param dataLabel     what {@code data} is called in the report
     * @return the report's input
     * @throws IllegalArgumentException if {@code data} is empty, does not fit the network, or
     *         {@code dataLabel} is blank
     */
    public static ReportInput of(RunHistory history, Map<String, String> configuration, Network network,
            Dataset data, String dataLabel) {
        return new ReportInput(history, configuration, data, dataLabel, ConfusionMatrix.of(network, data),
                firstLayerImages(network));
    }

    /**
     * Whether the images drawn are a convolution's filters rather than hidden neurons' weights.
     *
     * @return true when each row has fewer pixels than an input
     */
    public boolean drawsFilters() {
        return firstLayerWeights.cols() != data.features();
    }

    /** The first layer's weights, one row per neuron, or its filters, one row per feature map: what the report draws as images. */
    static Matrix firstLayerImages(Network network) {
        Layer first = network.layers().head();
        if (first instanceof ConvPool conv && conv.channels() == 1) {
            return conv.weights();
        }
        if (!(first instanceof Dense dense)) {
            throw new IllegalArgumentException("a report draws the first layer's weights as images, one per neuron or per"
                    + " one-channel filter, which a " + first.kind() + " layer (" + first.describe() + ") does not have");
        }
        return dense.weights();
    }
}
