package dev.purenet.examples;

/** Paths the tests hand to the examples; Maven runs the tests in examples/, one level below the repository root. */
final class ExampleData {
    private ExampleData() {}

    /** The repository's MNIST directory (fetched by the root build's tests, or by the first example that needs it). */
    static final String MNIST = "../data/mnist";

    /** A network written by network2.py, from the library's golden test data. */
    static final String NETWORK2_TINY = "../src/test/resources/golden/network2-tiny.json";
}
