package dev.purenet;

import dev.purenet.math.Blas;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A convolutional layer followed by max-pooling, network3.py's {@code ConvPoolLayer}: F feature
 * maps, each a k x k filter over all C input channels (stride 1, no padding), max-pooled over
 * non-overlapping p x p windows, then one bias per feature map and the activation:
 * <pre>
 *   conv[f, y, x] = Σ_c Σ_r Σ_s weights[f, c·k·k + r·k + s] · in[c, y + r, x + s]
 *   z[f, y, x]    = max over 0 ≤ r, s &lt; p of conv[f, p·y + r, p·x + s]  +  biases[f]
 *   a             = activation(z)
 * </pre>
 * The convolution is written in its correlation form (the filter is not flipped, unlike
 * Theano's {@code conv2d}); both describe the same family of functions, the flip only renames the
 * weights. The convolution output is (H − k + 1) x (W − k + 1); pooling drops the rows and columns
 * left over when p does not divide it (Theano's {@code ignore_border=True}), so the output is
 * PH x PW with PH = ⌊(H − k + 1) / p⌋, PW = ⌊(W − k + 1) / p⌋. With pool 1 this is a plain
 * convolutional layer. Within a pooling window the maximum taken (and the one the gradient flows
 * through) is the first one in row-major window order when several are equal.
 *
 * <p>Per example, input {@code c·H·W + y·W + x} is pixel (y, x) of channel c (an MNIST column of
 * 784 row-major pixels is C = 1, 28 x 28), and output {@code f·PH·PW + y·PW + x} is cell (y, x) of
 * feature map f: a following {@code ConvPool} with {@code channels = F}, {@code height = PH},
 * {@code width = PW} reads it as it is, and a {@link Dense} layer reads it flattened.
 *
 * @param weights    F x (C·k·k): row f is feature map f's filter, column {@code c·k·k + r·k + s}
 * @param biases     F x 1, one per feature map
 * @param activation applied to the pooled maps plus biases
 * @param channels   C, the input's channels
 * @param height     H, the input's rows
 * @param width      W, the input's columns
 * @param kernel     k, the filters' side
 * @param pool       p, the pooling windows' side
 */
public record ConvPool(Matrix weights, Matrix biases, Activation activation, int channels, int height, int width, int kernel,
                       int pool) implements Layer {

    /**
     * Checks the sizes and shapes.
     *
     * @throws IllegalArgumentException if a size is not positive, the kernel does not fit in the
     *         image, the pool does not fit in the convolution's output, the weights do not have
     *         C·k·k columns and at least one row, the biases are not F x 1, or the input or output
     *         would have more than 2^31 − 1 values per example
     * @throws NullPointerException if a matrix or the activation is null
     */
    public ConvPool {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
        Objects.requireNonNull(activation, "activation");
        requirePositive("channels", channels);
        requirePositive("height", height);
        requirePositive("width", width);
        requirePositive("kernel", kernel);
        requirePositive("pool", pool);
        if (kernel > height || kernel > width) {
            throw new IllegalArgumentException("conv-pool kernel " + kernel + "x" + kernel + " is larger than the " + channels + "x"
                    + height + "x" + width + " input");
        }
        int convHeight = height - kernel + 1;
        int convWidth = width - kernel + 1;
        if (pool > convHeight || pool > convWidth) {
            throw new IllegalArgumentException("conv-pool pool " + pool + " is larger than the " + convHeight + "x" + convWidth
                    + " convolution output (" + height + "x" + width + " input, kernel " + kernel + "x" + kernel + ")");
        }
        long filter = (long) channels * kernel * kernel;
        if (weights.rows() == 0 || weights.cols() != filter) {
            throw new IllegalArgumentException("conv-pool weights must be F x " + filter + " (at least one feature map, channels·kernel·kernel = "
                    + channels + "·" + kernel + "·" + kernel + " columns), got " + weights.shape());
        }
        if (biases.cols() != 1 || biases.rows() != weights.rows()) {
            throw new IllegalArgumentException("conv-pool biases must be " + weights.rows() + "x1, one per feature map of weights "
                    + weights.shape() + ", got " + biases.shape());
        }
        long in = (long) channels * height * width;
        long out = (long) weights.rows() * (convHeight / pool) * (convWidth / pool);
        if (in > Integer.MAX_VALUE - 8 || out > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("conv-pool layer " + channels + "x" + height + "x" + width + " -> " + weights.rows()
                    + "x" + convHeight / pool + "x" + convWidth / pool + " has " + Math.max(in, out)
                    + " values per example, more than a Java array holds");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("conv-pool " + name + " must be positive, got " + value);
        }
    }

    /**
     * F, the number of feature maps: the weights' rows.
     *
     * @return the output's channels
     */
    public int maps() {
        return weights.rows();
    }

    /**
     * PH = ⌊(H − k + 1) / p⌋, the rows of each pooled feature map.
     *
     * @return the output's height
     */
    public int pooledHeight() {
        return (height - kernel + 1) / pool;
    }

    /**
     * PW = ⌊(W − k + 1) / p⌋, the columns of each pooled feature map.
     *
     * @return the output's width
     */
    public int pooledWidth() {
        return (width - kernel + 1) / pool;
    }

    /**
     * C·H·W.
     *
     * @return rows of the input this layer takes
     */
    @Override
    public int inputs() {
        return channels * height * width;
    }

    /**
     * F·PH·PW.
     *
     * @return rows of the output
     */
    @Override
    public int outputs() {
        return maps() * pooledHeight() * pooledWidth();
    }

    @Override
    public String kind() {
        return "conv-pool";
    }

    @Override
    public Vector<String> parameterNames() {
        return WeightsAndBiases.NAMES;
    }

    @Override
    public Vector<Matrix> parameters() {
        return Vector.of(weights, biases);
    }

    @Override
    public boolean decays(int index) {
        return index == 0;
    }

    @Override
    public ConvPool withParameters(Vector<Matrix> parameters) {
        WeightsAndBiases.requireShapes(this, parameters);
        return new ConvPool(parameters.get(0), parameters.get(1), activation, channels, height, width, kernel, pool);
    }

    @Override
    public Layer.Kernel kernel(int maxBatch) {
        return new Kernel(this, maxBatch, Precision.FLOAT64);
    }

    @Override
    public Layer.Kernel kernel(int maxBatch, Precision precision) {
        return new Kernel(this, maxBatch, precision);
    }

    /**
     * The shapes, filter, pool and activation.
     *
     * @return e.g. {@code 1x28x28 -> 20x12x12, conv 5x5, pool 2, sigmoid}
     */
    @Override
    public String describe() {
        return channels + "x" + height + "x" + width + " -> " + maps() + "x" + pooledHeight() + "x" + pooledWidth() + ", conv "
                + kernel + "x" + kernel + ", pool " + pool + ", " + activation.name();
    }

    @Override
    public String toString() {
        return "ConvPool(" + describe() + ")";
    }

    /**
     * im2col, one gemm, max-pooling with remembered argmax; backward scatters δ through the
     * argmax and takes two gemms.
     *
     * <p>Forward: the batch's k x k patches are unrolled into {@code cols}, (C·k·k) x (OH·OW·m),
     * column {@code j·OH·OW + y·OW + x} holding example j's patch at (y, x) in the order of the
     * weights' columns; {@code conv = W · cols} is F x (OH·OW·m); pooling reads it into z (one
     * column per example) and keeps the position of each window's maximum. Backward: δ of each
     * pooled cell goes to its maximum's place in a zeroed {@code dConv} laid out like
     * {@code conv}, ∇b is δ summed per feature map, ∇W = dConv · colsᵀ, and, when asked for,
     * dCols = Wᵀ · dConv is added back patch by patch into ∂C/∂input (col2im).
     *
     * <p>So that the unrolled batch stays small (and in cache) when many examples are fed forward
     * at once, the kernel works through a batch in chunks of at most {@code 2^18 / (C·k·k·OH·OW)}
     * examples (at least one): its im2col buffer holds at most 2^18 values (2 MB of doubles) or one
     * example's patches. An MNIST-shaped layer with 5 x 5 filters takes 18 examples per chunk, so
     * a mini-batch of 10 is one gemm each way; measured on Java 17 (jblas copies every array it
     * passes), a batch of 100 in chunks of 4 to 18 ran 1.3 to 1.7 times as fast as in one piece.
     * The chunking depends only on the layer and m, not on maxBatch, so a batch gives the same bits
     * in every workspace. Backward reuses the forward's {@code cols} when the batch was one chunk
     * (the contract gives it the forward's input) and unrolls each chunk again otherwise; it then
     * writes dCols over {@code cols} and marks it stale.
     *
     * <p>In float32 the gemms are sgemm on float copies (weights, cols, conv, dConv, ∇W, dCols);
     * pooling, biases, the activation and the δ bookkeeping stay in double, as in {@link Dense}.
     */
    private static final class Kernel implements Layer.Kernel {
        /** The most values one chunk's unrolled patches may take, unless one example needs more: 2^18 (2 MB of doubles). */
        private static final long CHUNK_VALUES = 1L << 18;

        private final int maps;
        private final int in;
        private final int out;
        private final int filter;
        private final int convWidth;
        private final int convCells;
        private final int pool;
        private final int pooledHeight;
        private final int pooledWidth;
        private final int maxBatch;
        private final int chunk;
        private final Activation activation;
        /** patch[row + filter·pos]: the offset within an example of the input value cols holds at that place. */
        private final int[] patch;
        private final double[] w;
        private final double[] b;
        private final double[] z;
        private final double[] a;
        /** For each pooled cell (laid out like z), the position y·OW + x of its window's maximum in the convolution output. */
        private final int[] argmax;
        /** Float64: the unrolled patches of one chunk, (C·k·k) x (OH·OW·chunk); after backward, dCols. */
        private final double @Nullable [] cols;
        /** F x (OH·OW·chunk): W·cols in forward, dConv in backward. */
        private final double[] conv;
        private final double[] gradW;
        private final double[] gradB;
        private final double[][] parameters;
        private final double[][] gradients;
        /** Float32 only: the float weights, cols, conv and ∇W. */
        private final @Nullable Single single;
        /** Examples [colsFrom, colsFrom + colsCount) of the last input are unrolled in cols; count 0 when stale. */
        private int colsFrom;
        private int colsCount;

        Kernel(ConvPool layer, int maxBatch, Precision precision) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("mini-batch size must be at least 1, got " + maxBatch);
            }
            this.maps = layer.maps();
            this.in = layer.inputs();
            this.out = layer.outputs();
            this.filter = layer.channels * layer.kernel * layer.kernel;
            this.convWidth = layer.width - layer.kernel + 1;
            int convHeight = layer.height - layer.kernel + 1;
            this.convCells = convHeight * convWidth;
            this.pool = layer.pool;
            this.pooledHeight = layer.pooledHeight();
            this.pooledWidth = layer.pooledWidth();
            this.maxBatch = maxBatch;
            this.activation = layer.activation;
            long perExample = (long) filter * convCells;
            this.chunk = (int) Math.max(1, Math.min(maxBatch, CHUNK_VALUES / perExample));
            long colsSize = perExample * chunk;
            long convSize = (long) maps * convCells * chunk;
            long outSize = (long) out * maxBatch;
            if (colsSize > Integer.MAX_VALUE - 8 || convSize > Integer.MAX_VALUE - 8 || outSize > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("layer (" + layer.describe() + "): a batch of " + maxBatch + " examples needs "
                        + Math.max(colsSize, Math.max(convSize, outSize)) + " values in one buffer, more than a Java array holds;"
                        + " use a smaller mini-batch or smaller images");
            }
            this.patch = new int[(int) perExample];
            for (int y = 0; y < convHeight; y++) {
                for (int x = 0; x < convWidth; x++) {
                    int pos = y * convWidth + x;
                    for (int c = 0; c < layer.channels; c++) {
                        for (int r = 0; r < layer.kernel; r++) {
                            for (int s = 0; s < layer.kernel; s++) {
                                int row = (c * layer.kernel + r) * layer.kernel + s;
                                patch[row + filter * pos] = (c * layer.height + y + r) * layer.width + x + s;
                            }
                        }
                    }
                }
            }
            this.w = layer.weights.toColumnMajorArray();
            this.b = layer.biases.toColumnMajorArray();
            this.z = new double[(int) outSize];
            this.a = new double[(int) outSize];
            this.argmax = new int[(int) outSize];
            this.conv = new double[(int) convSize];
            this.gradW = new double[w.length];
            this.gradB = new double[maps];
            this.parameters = new double[][] {w, b};
            this.gradients = new double[][] {gradW, gradB};
            if (precision == Precision.FLOAT32) {
                this.cols = null;
                this.single = new Single(w.length, (int) colsSize, (int) convSize);
            } else {
                this.cols = new double[(int) colsSize];
                this.single = null;
            }
            parametersMoved();
        }

        @Override
        public double[] forward(double[] input, int m) {
            requireBatch(m);
            for (int from = 0; from < m; from += chunk) {
                int count = Math.min(chunk, m - from);
                unroll(input, from, count);
                int n = convCells * count;
                if (single == null) {
                    Blas.gemm(false, false, maps, n, filter, 1.0, w, maps, cols, filter, 0.0, conv, maps);
                } else {
                    Blas.sgemm(false, false, maps, n, filter, 1.0f, single.w, maps, single.cols, filter, 0.0f, single.conv, maps);
                    WeightsAndBiases.toDouble(single.conv, conv, maps * n);
                }
                pool(from, count);
            }
            activation.forward(z, a, out, m);
            return a;
        }

        /** im2col of examples [from, from + count) into cols (or its float copy). */
        private void unroll(double[] input, int from, int count) {
            int perExample = patch.length;
            for (int e = 0; e < count; e++) {
                int base = (from + e) * in;
                int offset = e * perExample;
                if (single == null) {
                    double[] target = Objects.requireNonNull(cols);
                    for (int t = 0; t < perExample; t++) {
                        target[offset + t] = input[base + patch[t]];
                    }
                } else {
                    float[] target = single.cols;
                    for (int t = 0; t < perExample; t++) {
                        target[offset + t] = (float) input[base + patch[t]];
                    }
                }
            }
            colsFrom = from;
            colsCount = count;
        }

        /** Max-pools conv (examples [from, from + count)) into z plus biases, remembering each window's argmax. */
        private void pool(int from, int count) {
            int cells = pooledHeight * pooledWidth;
            for (int e = 0; e < count; e++) {
                int zBase = (from + e) * out;
                int convBase = e * convCells;
                for (int f = 0; f < maps; f++) {
                    double bias = b[f];
                    for (int py = 0; py < pooledHeight; py++) {
                        for (int px = 0; px < pooledWidth; px++) {
                            int first = py * pool * convWidth + px * pool;
                            double best = conv[f + maps * (convBase + first)];
                            int at = first;
                            for (int r = 0; r < pool; r++) {
                                for (int s = 0; s < pool; s++) {
                                    int pos = first + r * convWidth + s;
                                    double v = conv[f + maps * (convBase + pos)];
                                    // Strictly greater: ties keep the first; a NaN is taken and kept, so divergence shows.
                                    if (v > best || (v != v && best == best)) {
                                        best = v;
                                        at = pos;
                                    }
                                }
                            }
                            int cell = zBase + f * cells + py * pooledWidth + px;
                            z[cell] = best + bias;
                            argmax[cell] = at;
                        }
                    }
                }
            }
        }

        @Override
        public double[] weightedInput() {
            return z;
        }

        @Override
        public void backward(double[] input, double[] delta, int m, double @Nullable [] gradInput) {
            requireBatch(m);
            Arrays.fill(gradB, 0.0);
            if (gradInput != null) {
                Arrays.fill(gradInput, 0, in * m, 0.0);
            }
            int cells = pooledHeight * pooledWidth;
            for (int from = 0; from < m; from += chunk) {
                int count = Math.min(chunk, m - from);
                if (colsFrom != from || colsCount != count) {
                    unroll(input, from, count);
                }
                int n = convCells * count;
                Arrays.fill(conv, 0, maps * n, 0.0);
                for (int e = 0; e < count; e++) {
                    int zBase = (from + e) * out;
                    int convBase = e * convCells;
                    for (int f = 0; f < maps; f++) {
                        double sum = 0;
                        for (int q = 0; q < cells; q++) {
                            int cell = zBase + f * cells + q;
                            double d = delta[cell];
                            conv[f + maps * (convBase + argmax[cell])] = d;
                            sum += d;
                        }
                        gradB[f] += sum;
                    }
                }
                boolean first = from == 0;
                if (single == null) {
                    double[] unrolled = Objects.requireNonNull(cols);
                    Blas.gemm(false, true, maps, filter, n, 1.0, conv, maps, unrolled, filter, first ? 0.0 : 1.0, gradW, maps);
                    if (gradInput != null) {
                        Blas.gemm(true, false, filter, n, maps, 1.0, w, maps, conv, maps, 0.0, unrolled, filter);
                        colsCount = 0;
                        fold(unrolled, null, from, count, gradInput);
                    }
                } else {
                    WeightsAndBiases.toFloat(conv, single.conv, maps * n);
                    Blas.sgemm(false, true, maps, filter, n, 1.0f, single.conv, maps, single.cols, filter, 0.0f, single.gradW, maps);
                    for (int i = 0; i < gradW.length; i++) {
                        gradW[i] = first ? single.gradW[i] : gradW[i] + single.gradW[i];
                    }
                    if (gradInput != null) {
                        Blas.sgemm(true, false, filter, n, maps, 1.0f, single.w, maps, single.conv, maps, 0.0f, single.cols, filter);
                        colsCount = 0;
                        fold(null, single.cols, from, count, gradInput);
                    }
                }
            }
        }

        /** col2im: adds dCols (the double or the float one) of examples [from, from + count) into gradInput. */
        private void fold(double @Nullable [] dCols, float @Nullable [] dColsFloat, int from, int count, double[] gradInput) {
            int perExample = patch.length;
            for (int e = 0; e < count; e++) {
                int base = (from + e) * in;
                int offset = e * perExample;
                if (dCols != null) {
                    for (int t = 0; t < perExample; t++) {
                        gradInput[base + patch[t]] += dCols[offset + t];
                    }
                } else {
                    float[] source = Objects.requireNonNull(dColsFloat);
                    for (int t = 0; t < perExample; t++) {
                        gradInput[base + patch[t]] += source[offset + t];
                    }
                }
            }
        }

        @Override
        public double[][] parameters() {
            return parameters;
        }

        @Override
        public void parametersMoved() {
            if (single != null) {
                single.roundParameters(w, b);
            }
        }

        @Override
        public double[][] gradients() {
            return gradients;
        }

        private void requireBatch(int m) {
            WeightsAndBiases.requireBatch(m, maxBatch);
        }
    }

    /** A float32 kernel's float buffers. */
    private static final class Single {
        final float[] w;
        final float[] cols;
        final float[] conv;
        final float[] gradW;

        Single(int weights, int colsSize, int convSize) {
            this.w = new float[weights];
            this.cols = new float[colsSize];
            this.conv = new float[convSize];
            this.gradW = new float[weights];
        }

        /** Rounds the double parameters to float in place and keeps the float weights for the products. */
        void roundParameters(double[] weights, double[] biases) {
            WeightsAndBiases.roundToFloat(weights, w);
            WeightsAndBiases.roundToFloat(biases, null);
        }
    }
}
