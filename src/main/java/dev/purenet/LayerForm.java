package dev.purenet;

/**
 * What kind of layer an {@link Architecture} puts at one position, apart from its size and
 * activation: a dense layer (with or without dropout) or a convolution with max-pooling. The
 * {@code --layers} grammar ({@link Architecture#layers(String, int, int, int)}) writes these.
 */
public sealed interface LayerForm permits LayerForm.Dense, LayerForm.ConvPool {

    /** A dense layer without dropout: every layer of an architecture built from sizes alone. */
    LayerForm.Dense PLAIN = new LayerForm.Dense(0.0);

    /**
     * A fully connected layer.
     *
     * @param dropout the probability of dropping each input while training (network3.py's
     *                {@code p_dropout}), 0 to below 1
     */
    record Dense(double dropout) implements LayerForm {
        /**
         * Checks the probability.
         *
         * @throws IllegalArgumentException if {@code dropout} is not in [0, 1)
         */
        public Dense {
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be a probability from 0 to below 1, got " + dropout);
            }
        }
    }

    /**
     * network3.py's ConvPoolLayer: {@code maps} filters of {@code kernel x kernel} over an image
     * of {@code channels x height x width}, valid and stride 1, then max-pooling over
     * {@code pool x pool} windows.
     *
     * @param channels input channels, 1 for a grey image
     * @param height   input rows
     * @param width    input columns
     * @param maps     feature maps (filters)
     * @param kernel   filter rows and columns
     * @param pool     pooling window rows and columns; 1 for none
     */
    record ConvPool(int channels, int height, int width, int maps, int kernel, int pool) implements LayerForm {
        /**
         * Checks that the filters and the pooling window fit the image.
         *
         * @throws IllegalArgumentException naming the sizes that do not fit
         */
        public ConvPool {
            if (channels < 1 || height < 1 || width < 1 || maps < 1 || kernel < 1 || pool < 1) {
                throw new IllegalArgumentException("a conv layer needs positive sizes, got " + maps + " maps of " + kernel + "x" + kernel
                        + ", pool " + pool + " over " + channels + "x" + height + "x" + width);
            }
            if (kernel > height || kernel > width) {
                throw new IllegalArgumentException("a " + kernel + "x" + kernel + " filter does not fit a " + height + "x" + width
                        + " image");
            }
            if (pool > height - kernel + 1 || pool > width - kernel + 1) {
                throw new IllegalArgumentException("pool " + pool + " is larger than the " + (height - kernel + 1) + "x"
                        + (width - kernel + 1) + " output of a " + kernel + "x" + kernel + " filter over " + height + "x" + width);
            }
        }

        /**
         * Rows of each pooled feature map: the filter's valid positions, divided by the pool,
         * rounded down (a last partial window is dropped, as network3.py's Theano pooling).
         *
         * @return pooled rows
         */
        public int pooledHeight() {
            return (height - kernel + 1) / pool;
        }

        /**
         * Columns of each pooled feature map.
         *
         * @return pooled columns
         */
        public int pooledWidth() {
            return (width - kernel + 1) / pool;
        }

        /**
         * The number of outputs per example.
         *
         * @return maps x pooled rows x pooled columns
         */
        public int outputs() {
            return Math.multiplyExact(maps, Math.multiplyExact(pooledHeight(), pooledWidth()));
        }

        /**
         * The number of inputs per example.
         *
         * @return channels x height x width
         */
        public int inputs() {
            return Math.multiplyExact(channels, Math.multiplyExact(height, width));
        }
    }
}
