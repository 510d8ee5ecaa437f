package dev.purenet;

import io.vavr.collection.Vector;
import java.util.Arrays;

/**
 * A network's shape before it has parameters: layer sizes (input first), one activation per
 * non-input layer, each layer's form (dense, with or without dropout, or convolution with
 * pooling) and the precision it computes in. Initialising it with an {@link Init} and an
 * explicit {@link Seed} gives a {@link Network}.
 *
 * @param sizes       layer sizes, input first; at least two, all positive
 * @param activations one per non-input layer, in order
 * @param precision   float64 (the default) or float32
 * @param forms       one per non-input layer; a ConvPool form fixes the sizes before and after it
 */
public record Architecture(Vector<Integer> sizes, Vector<Activation> activations, Precision precision, Vector<LayerForm> forms) {

    /**
     * Checks the sizes, that there is one activation and one form per non-input layer, and that
     * each convolution's image is the size before it and its pooled maps the size after it.
     *
     * @param sizes       layer sizes, input first; at least two, all positive
     * @param activations one per non-input layer, in order
     * @param precision   float64 or float32
     * @param forms       one per non-input layer
     * @throws IllegalArgumentException if there are fewer than two sizes, a size is not
     *         positive, the number of activations or forms is not one less than the number of
     *         sizes, or a convolution does not fit the sizes around it
     */
    public Architecture {
        java.util.Objects.requireNonNull(precision, "precision");
        java.util.Objects.requireNonNull(forms, "forms");
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("a network needs at least 2 layer sizes (input and output), got "
                    + sizes.mkString("[", ", ", "]"));
        }
        for (int k = 0; k < sizes.size(); k++) {
            if (sizes.get(k) <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + sizes.get(k)
                        + " at position " + k + " of " + sizes.mkString("[", ", ", "]"));
            }
        }
        if (activations.size() != sizes.size() - 1) {
            throw new IllegalArgumentException("expected " + (sizes.size() - 1) + " activations (one per non-input layer), got "
                    + activations.size());
        }
        if (forms.size() != sizes.size() - 1) {
            throw new IllegalArgumentException("expected " + (sizes.size() - 1) + " layer forms (one per non-input layer), got "
                    + forms.size());
        }
        for (int k = 0; k < forms.size(); k++) {
            if (forms.get(k) instanceof LayerForm.ConvPool conv
                    && (conv.inputs() != sizes.get(k) || conv.outputs() != sizes.get(k + 1))) {
                throw new IllegalArgumentException("layer " + (k + 1) + " is a convolution from " + conv.channels() + "x" + conv.height()
                        + "x" + conv.width() + " (" + conv.inputs() + " values) to " + conv.maps() + "x" + conv.pooledHeight() + "x"
                        + conv.pooledWidth() + " (" + conv.outputs() + "), but the sizes around it are " + sizes.get(k) + " and "
                        + sizes.get(k + 1));
            }
        }
    }

    /**
     * Dense layers only, no dropout.
     *
     * @param sizes       layer sizes, input first; at least two, all positive
     * @param activations one per non-input layer, in order
     * @param precision   float64 or float32
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Architecture(Vector<Integer> sizes, Vector<Activation> activations, Precision precision) {
        this(sizes, activations, precision, Vector.fill(Math.max(0, sizes.size() - 1), () -> LayerForm.PLAIN));
    }

    /**
     * A float64 architecture.
     *
     * @param sizes       layer sizes, input first; at least two, all positive
     * @param activations one per non-input layer, in order
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Architecture(Vector<Integer> sizes, Vector<Activation> activations) {
        this(sizes, activations, Precision.FLOAT64);
    }

    /**
     * The same architecture computing in {@code newPrecision}:
     * {@code Network.of(784, 30, 10).withPrecision(Precision.FLOAT32).gaussian(seed(1))}. The
     * parameters are drawn as in float64, then rounded to float.
     *
     * @param newPrecision float64 or float32
     * @return the new architecture
     */
    public Architecture withPrecision(Precision newPrecision) {
        return new Architecture(sizes, activations, newPrecision, forms);
    }

    /**
     * Sizes, input first; every layer sigmoid until said otherwise.
     *
     * @param sizes layer sizes, input first; at least two, all positive
     * @return the architecture with sigmoid on every non-input layer
     * @throws IllegalArgumentException if there are fewer than two sizes or one is not positive
     */
    public static Architecture of(int... sizes) {
        Vector<Integer> s = Vector.ofAll(Arrays.stream(sizes).boxed().toList());
        return new Architecture(s, Vector.fill(Math.max(0, s.size() - 1), Activation::sigmoid));
    }

    /**
     * The first step of {@link Network#input(int)}: an input layer and no other layer yet.
     *
     * @param size the number of inputs
     */
    public record Input(int size) {
        /**
         * Checks the size.
         *
         * @param size the number of inputs
         * @throws IllegalArgumentException if {@code size} is not positive
         */
        public Input {
            if (size <= 0) {
                throw new IllegalArgumentException("the input size must be positive, got " + size);
            }
        }

        /**
         * A dense layer of {@code size} neurons after the input.
         *
         * @param size       the number of neurons; positive
         * @param activation the layer's activation
         * @return a two-size architecture: this input and the new layer
         * @throws IllegalArgumentException if {@code size} is not positive
         */
        public Architecture dense(int size, Activation activation) {
            return new Architecture(Vector.of(this.size, size), Vector.of(activation));
        }
    }

    /**
     * One more dense layer of {@code size} neurons: {@code Network.input(784).dense(30, sigmoid()).dense(10, softmax())}.
     *
     * @param size       the number of neurons; positive
     * @param activation the new layer's activation
     * @return this architecture with the layer appended as the new output layer
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public Architecture dense(int size, Activation activation) {
        return new Architecture(sizes.append(size), activations.append(activation), precision, forms.append(LayerForm.PLAIN));
    }

    /**
     * Every layer sigmoid, as in network.py.
     *
     * @return the same sizes with sigmoid on every non-input layer
     */
    public Architecture sigmoid() {
        return activation(Activation.sigmoid());
    }

    /**
     * The same activation on every layer.
     *
     * @param activation for every non-input layer
     * @return the same sizes with {@code activation} everywhere
     */
    public Architecture activation(Activation activation) {
        return new Architecture(sizes, Vector.fill(sizes.size() - 1, () -> activation), precision, forms);
    }

    /**
     * {@code hidden} on every hidden layer and {@code output} on the output layer.
     *
     * @param hidden for every layer between the input and the output layer (none for two sizes)
     * @param output for the last layer, e.g. softmax
     * @return the same sizes with these activations
     */
    public Architecture activations(Activation hidden, Activation output) {
        return new Architecture(sizes, Vector.fill(sizes.size() - 2, () -> hidden).append(output), precision, forms);
    }

    /**
     * Whether every layer is dense without dropout: what sizes and activations alone describe,
     * and all that network2.py's format and purenet before the layer grammar know.
     *
     * @return true if no layer is a convolution or has dropout
     */
    public boolean isPlain() {
        return forms.forAll(LayerForm.PLAIN::equals);
    }

    /**
     * The layers in the grammar {@link #layers(String, int, int, int)} reads:
     * {@code conv 20x5x5 relu, pool 2, dense 100 relu dropout 0.5, softmax 10}.
     *
     * @return the description that parses back to this architecture
     */
    public String describeLayers() {
        java.util.List<String> items = new java.util.ArrayList<>();
        for (int k = 0; k < forms.size(); k++) {
            String activation = activations.get(k).name();
            if (forms.get(k) instanceof LayerForm.ConvPool conv) {
                items.add("conv " + conv.maps() + "x" + conv.kernel() + "x" + conv.kernel() + " " + activation);
                if (conv.pool() > 1) {
                    items.add("pool " + conv.pool());
                }
            } else {
                double dropout = ((LayerForm.Dense) forms.get(k)).dropout();
                String layer = activation.equals("softmax") ? "softmax " + sizes.get(k + 1) : "dense " + sizes.get(k + 1) + " " + activation;
                items.add(dropout > 0 ? layer + " dropout " + dropout : layer);
            }
        }
        return String.join(", ", items);
    }

    /**
     * An architecture written layer by layer, for inputs that are images of
     * {@code channels x rows x columns} values (1 x 28 x 28 for MNIST). Layers are separated by
     * commas:
     * <ul>
     * <li>{@code conv MAPSxKxK ACTIVATION}: network3.py's convolution, MAPS filters of K x K,
     *     valid, stride 1; its input must be an image (the input, or a conv's pooled maps);</li>
     * <li>{@code pool P}: max-pooling over P x P windows of the conv just before (its activation
     *     applies after pooling, as network3.py's ConvPoolLayer);</li>
     * <li>{@code dense N ACTIVATION [dropout P]}: fully connected, N neurons; with dropout,
     *     each input is dropped with probability P while training (network3.py's convention);</li>
     * <li>{@code softmax N [dropout P]}: the same as {@code dense N softmax [dropout P]}.</li>
     * </ul>
     * For example {@code conv 20x5x5 relu, pool 2, conv 40x5x5 relu, pool 2, dense 100 relu dropout 0.5, softmax 10}.
     *
     * @param description the layers, as above
     * @param channels    input channels, 1 for grey images
     * @param rows        input rows
     * @param columns     input columns
     * @return the architecture, float64
     * @throws IllegalArgumentException naming the layer (its place and text), what was expected
     *         and what was found
     */
    public static Architecture layers(String description, int channels, int rows, int columns) {
        if (channels < 1 || rows < 1 || columns < 1) {
            throw new IllegalArgumentException("an input image needs positive sizes, got " + channels + "x" + rows + "x" + columns);
        }
        return LayerGrammar.parse(description, Math.multiplyExact(channels, Math.multiplyExact(rows, columns)),
                new int[] {channels, rows, columns});
    }

    /**
     * An architecture written layer by layer, for inputs that are not images: dense and softmax
     * layers only (see {@link #layers(String, int, int, int)}).
     *
     * @param description the layers
     * @param inputs      the number of inputs per example
     * @return the architecture, float64
     * @throws IllegalArgumentException naming the layer, what was expected and what was found;
     *         in particular for a conv layer, which needs an image
     */
    public static Architecture layers(String description, int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("the input size must be positive, got " + inputs);
        }
        return LayerGrammar.parse(description, inputs, null);
    }

    /** {@code 784 -> 30 (sigmoid) -> 10 (softmax)}. */
    @Override
    public String toString() {
        if (!isPlain()) {
            String layers = sizes.head() + " -> " + describeLayers();
            return precision == Precision.FLOAT64 ? layers : layers + ", " + precision.label();
        }
        StringBuilder sb = new StringBuilder().append(sizes.head());
        for (int k = 1; k < sizes.size(); k++) {
            sb.append(" -> ").append(sizes.get(k)).append(" (").append(activations.get(k - 1).name()).append(")");
        }
        return precision == Precision.FLOAT64 ? sb.toString() : sb.append(", ").append(precision.label()).toString();
    }

    /**
     * Weights and biases N(0, 1), as network.py.
     *
     * @param seed the only source of randomness; equal seeds give equal networks
     * @return the initialised network
     */
    public Network gaussian(Seed seed) {
        return initialize(Init.gaussian(), seed);
    }

    /**
     * Weights N(0, 1/√inputs), biases N(0, 1), as network2.py.
     *
     * @param seed the only source of randomness; equal seeds give equal networks
     * @return the initialised network
     */
    public Network scaled(Seed seed) {
        return initialize(Init.scaled(), seed);
    }

    /**
     * Draws every layer's parameters. Layer k (0-based) draws from {@code seed.derive(k)}:
     * weights row by row, then biases, so one layer's numbers do not depend on another's size.
     * Each layer asks {@link Init#weights(LayerForm, int, int, Activation, dev.purenet.math.Rng)}
     * and then {@code Init.biases} with its form: a convolution's filters are a maps x
     * (channels·kernel·kernel) weight matrix, so the initialiser's fan-in is a filter's.
     *
     * @param init how the weights and biases are drawn
     * @param seed the only source of randomness; equal seeds give equal networks
     * @return the initialised network, in this architecture's precision
     */
    public Network initialize(Init init, Seed seed) {
        Vector<Layer> layers = Vector.empty();
        for (int k = 0; k < sizes.size() - 1; k++) {
            var rng = seed.derive(k).rng();
            int inputs = sizes.get(k);
            int outputs = sizes.get(k + 1);
            Activation activation = activations.get(k);
            LayerForm form = forms.get(k);
            var weights = init.weights(form, outputs, inputs, activation, rng);
            var biases = init.biases(form, outputs, activation, rng);
            if (form instanceof LayerForm.ConvPool conv) {
                layers = layers.append(new ConvPool(weights, biases, activation, conv.channels(), conv.height(), conv.width(),
                        conv.kernel(), conv.pool()));
            } else {
                layers = layers.append(new Dense(weights, biases, activation, ((LayerForm.Dense) form).dropout()));
            }
        }
        return new Network(layers, precision);
    }
}
