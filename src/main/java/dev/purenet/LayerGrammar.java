package dev.purenet;

import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parser behind {@link Architecture#layers(String, int, int, int)}. */
final class LayerGrammar {
    private LayerGrammar() {}

    /** One parsed layer; a following {@code pool} replaces the conv's form. */
    private record Item(LayerForm form, int size, Activation activation) {}

    static Architecture parse(String description, int inputs, int @Nullable [] image) {
        if (description.isBlank()) {
            throw new IllegalArgumentException("expected layers such as \"dense 30 sigmoid, softmax 10\", got an empty description");
        }
        String[] texts = description.split(",", -1);
        List<Item> items = new ArrayList<>();
        // channels, rows, columns of the current layer's input while it is an image
        int @Nullable [] shape = image;
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i].trim();
            String where = "layer item " + (i + 1) + " \"" + text + "\": ";
            String[] words = text.split("\\s+");
            switch (words[0]) {
                case "conv" -> {
                    expectWords(where, words, 3, 3, "conv MAPSxKxK ACTIVATION, e.g. conv 20x5x5 sigmoid");
                    if (shape == null) {
                        throw new IllegalArgumentException(where + "a conv layer needs an image as input (the input images, or"
                                + " a conv layer's maps), but " + (items.isEmpty() ? "the input has no image shape" : "it follows a dense layer"));
                    }
                    String[] dims = words[1].split("x", -1);
                    if (dims.length != 3) {
                        throw new IllegalArgumentException(where + "expected MAPSxKxK such as 20x5x5, got " + words[1]);
                    }
                    int maps = positive(where, "feature maps", dims[0]);
                    int kernelRows = positive(where, "filter rows", dims[1]);
                    int kernelColumns = positive(where, "filter columns", dims[2]);
                    if (kernelRows != kernelColumns) {
                        throw new IllegalArgumentException(where + "filters must be square (network3.py's are), got " + kernelRows + "x"
                                + kernelColumns);
                    }
                    LayerForm.ConvPool conv = convForm(where, shape, maps, kernelRows, 1);
                    items.add(new Item(conv, conv.outputs(), activation(where, words[2])));
                    shape = new int[] {maps, conv.pooledHeight(), conv.pooledWidth()};
                }
                case "pool" -> {
                    expectWords(where, words, 2, 2, "pool P, e.g. pool 2");
                    int pool = positive(where, "pool size", words[1]);
                    Item last = items.isEmpty() ? null : items.get(items.size() - 1);
                    if (last == null || !(last.form instanceof LayerForm.ConvPool conv) || conv.pool() != 1) {
                        throw new IllegalArgumentException(where + "pool must follow a conv layer (once), but it follows "
                                + (last == null ? "the input" : last.form instanceof LayerForm.ConvPool ? "a pool" : "a dense layer"));
                    }
                    LayerForm.ConvPool pooled = convForm(where, new int[] {conv.channels(), conv.height(), conv.width()}, conv.maps(),
                            conv.kernel(), pool);
                    items.set(items.size() - 1, new Item(pooled, pooled.outputs(), last.activation));
                    shape = new int[] {pooled.maps(), pooled.pooledHeight(), pooled.pooledWidth()};
                }
                case "dense", "softmax" -> {
                    boolean softmax = words[0].equals("softmax");
                    String form = softmax ? "softmax N [dropout P], e.g. softmax 10" : "dense N ACTIVATION [dropout P], e.g. dense 100 relu";
                    int fixed = softmax ? 2 : 3;
                    expectWords(where, words, fixed, fixed + 2, form);
                    int neurons = positive(where, "neurons", words[1]);
                    Activation activation = softmax ? Activation.softmax() : activation(where, words[2]);
                    double dropout = 0;
                    if (words.length > fixed) {
                        if (words.length != fixed + 2 || !words[fixed].equals("dropout")) {
                            throw new IllegalArgumentException(where + "expected " + form + ", got extra words after the "
                                    + (softmax ? "size" : "activation"));
                        }
                        dropout = probability(where, words[fixed + 1]);
                    }
                    items.add(new Item(new LayerForm.Dense(dropout), neurons, activation));
                    shape = null;
                }
                default -> throw new IllegalArgumentException(where + "expected a layer starting with conv, pool, dense or softmax, got "
                        + (words[0].isEmpty() ? "nothing" : "\"" + words[0] + "\""));
            }
        }
        Vector<Integer> sizes = Vector.of(inputs).appendAll(Vector.ofAll(items).map(Item::size));
        return new Architecture(sizes, Vector.ofAll(items).map(Item::activation), Precision.FLOAT64, Vector.ofAll(items).map(Item::form));
    }

    private static LayerForm.ConvPool convForm(String where, int[] shape, int maps, int kernel, int pool) {
        try {
            return new LayerForm.ConvPool(shape[0], shape[1], shape[2], maps, kernel, pool);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage() + " (its input is " + shape[0] + "x" + shape[1] + "x" + shape[2] + ")");
        }
    }

    private static void expectWords(String where, String[] words, int least, int most, String form) {
        if (words.length < least || words.length > most) {
            throw new IllegalArgumentException(where + "expected " + form + ", got " + words.length + " words");
        }
    }

    private static int positive(String where, String what, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the text
        }
        throw new IllegalArgumentException(where + "expected a positive whole number of " + what + ", got " + text);
    }

    private static double probability(String where, String text) {
        try {
            double p = Double.parseDouble(text);
            if (p >= 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the text
        }
        throw new IllegalArgumentException(where + "expected a dropout probability from 0 to below 1, got " + text);
    }

    private static Activation activation(String where, String name) {
        try {
            return Activation.named(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
    }
}
