package dev.purenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every activation and cost keeps, built-in and the user's own alike: the kernel
 * with aliased arguments equals it without, the {@code Matrix} form equals the kernel bit for bit,
 * and the backward kernels agree with central differences of the forward ones.
 */
class PartContractTest {
    /** A test-only user activation (softplus) and the sigmoid written again both ways. */
    static final Activation SOFTPLUS = Activation.Elementwise.of("softplus", z -> Math.log1p(Math.exp(z)), z -> 1 / (1 + Math.exp(-z)));
    static final Activation USER_SIGMOID = Activation.Elementwise.ofOutput("user-sigmoid", z -> 1 / (1 + Math.exp(-z)), a -> a * (1 - a));
    static final Cost USER_QUADRATIC = Cost.Elementwise.of("user-quadratic", (a, y) -> 0.5 * (a - y) * (a - y), (a, y) -> a - y);
    private static final int ROWS = 4;
    private static final int COLS = 3;

    static Stream<Activation> activations() {
        return Stream.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.identity(), Activation.softmax(),
                SOFTPLUS, USER_SIGMOID);
    }

    static Stream<Arguments> costsAndOutputs() {
        return Stream.of(Cost.quadratic(), Cost.crossEntropy(), Cost.logLikelihood(), USER_QUADRATIC)
                .flatMap(c -> Stream.of(Activation.sigmoid(), Activation.softmax(), Activation.tanh(), SOFTPLUS)
                        .filter(a -> c == Cost.quadratic() || c == USER_QUADRATIC || a != Activation.tanh()) // outputs in (0, 1)
                        .filter(a -> c == Cost.quadratic() || c == USER_QUADRATIC || a != SOFTPLUS)
                        .map(a -> Arguments.of(c, a)));
    }

    private static double[] random(long seed, double scale) {
        Rng rng = new Rng(seed);
        double[] v = new double[ROWS * COLS];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * scale;
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationKernelsAliasAndMatchTheirMatrixForm(Activation f) {
        double[] z = random(1, 2.0);
        double[] a = new double[z.length];
        f.forward(z, a, ROWS, COLS);
        double[] inPlace = z.clone();
        f.forward(inPlace, inPlace, ROWS, COLS);
        assertArrayEquals(a, inPlace, "forward with a == z");
        Matrix zm = Matrix.fromColumnMajor(ROWS, COLS, z);
        assertEquals(Matrix.fromColumnMajor(ROWS, COLS, a), f.apply(zm));

        double[] g = random(2, 1.0);
        double[] out = new double[z.length];
        f.backward(z, a, g, out, ROWS, COLS);
        double[] aliased = g.clone();
        f.backward(z, a, aliased, aliased, ROWS, COLS);
        assertArrayEquals(out, aliased, "backward with out == gradA");
        assertEquals(Matrix.fromColumnMajor(ROWS, COLS, out),
                f.backward(zm, Matrix.fromColumnMajor(ROWS, COLS, a), Matrix.fromColumnMajor(ROWS, COLS, g)));
    }

    /** backward is the vector–Jacobian product of forward: Σ_i g_i ∂a_i/∂z_j by central differences. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationBackwardIsTheDerivativeOfForward(Activation f) {
        double[] z = random(3, 1.5);
        double[] g = random(4, 1.0);
        double[] a = new double[z.length];
        f.forward(z, a, ROWS, COLS);
        double[] out = new double[z.length];
        f.backward(z, a, g, out, ROWS, COLS);
        double h = 1e-6;
        for (int j = 0; j < z.length; j++) {
            if (f == Activation.relu() && Math.abs(z[j]) < 1e-3) {
                continue; // no derivative at the kink
            }
            double numeric = (dot(g, f, z, j, h) - dot(g, f, z, j, -h)) / (2 * h);
            assertEquals(numeric, out[j], 1e-7 * Math.max(1, Math.abs(numeric)), f.name() + " element " + j);
        }
    }

    private static double dot(double[] g, Activation f, double[] z, int j, double delta) {
        double[] nudged = z.clone();
        nudged[j] += delta;
        double[] a = new double[z.length];
        f.forward(nudged, a, ROWS, COLS);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += g[i] * a[i];
        }
        return sum;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("costsAndOutputs")
    void costDeltaIsTheDerivativeOfItsValueAndMatchesItsMatrixForm(Cost cost, Activation output) {
        double[] z = random(5, 1.0);
        double[] y = targets();
        double[] a = new double[z.length];
        output.forward(z, a, ROWS, COLS);
        double[] delta = new double[z.length];
        cost.delta(z, a, y, output, delta, ROWS, COLS);
        Matrix zm = Matrix.fromColumnMajor(ROWS, COLS, z);
        assertEquals(Matrix.fromColumnMajor(ROWS, COLS, delta), cost.delta(zm, output.apply(zm), Matrix.fromColumnMajor(ROWS, COLS, y), output));
        double h = 1e-6;
        for (int j = 0; j < z.length; j++) {
            double numeric = (costAt(cost, output, z, y, j, h) - costAt(cost, output, z, y, j, -h)) / (2 * h);
            assertEquals(numeric, delta[j], 1e-6 * Math.max(1, Math.abs(numeric)), cost.name() + "/" + output.name() + " element " + j);
        }
    }

    private static double[] targets() {
        double[] y = new double[ROWS * COLS];
        for (int j = 0; j < COLS; j++) {
            y[j * ROWS + (j % ROWS)] = 1.0;
        }
        return y;
    }

    private static double costAt(Cost cost, Activation output, double[] z, double[] y, int j, double delta) {
        double[] nudged = z.clone();
        nudged[j] += delta;
        Matrix zm = Matrix.fromColumnMajor(ROWS, COLS, nudged);
        return cost.value(output.apply(zm), Matrix.fromColumnMajor(ROWS, COLS, y));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void aRegisteredActivationReadsBackAndAnUnregisteredOneIsNamed(Activation f) {
        boolean builtIn = List.of("sigmoid", "tanh", "relu", "identity", "softmax").contains(f.name());
        assertEquals(builtIn, Activation.registry().canReadBack(f));
        if (!builtIn) {
            String message = assertThrows(IllegalArgumentException.class, () -> Activation.registry().requireReadable(f)).getMessage();
            assertTrue(message.startsWith("activation '" + f.name() + "' is not registered"), message);
        }
    }
}
