package dev.purenet.math;

/**
 * A small, fully specified random generator (SplitMix64) with Gaussian draws by the Marsaglia
 * polar method using {@link StrictMath}.
 *
 * <p>purenet does not use {@code java.util.Random} or {@code SplittableRandom} because their
 * Gaussian algorithms are not pinned across JDK releases; this generator yields the same
 * numbers on every JVM, which is what makes an experiment replay bit for bit. An instance is
 * mutable and meant to live inside one pure function: create it from a seed, draw, drop it.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /**
     * A generator at the start of the stream for {@code seed}. Prefer {@code Seed.rng()}.
     *
     * @param seed the starting state; equal seeds give equal streams
     */
    public Rng(long seed) {
        this.state = seed;
    }

    /**
     * The SplitMix64 finaliser: a bijective, well-mixed hash of a 64-bit value.
     *
     * @param z the value to hash
     * @return its hash; distinct inputs give distinct outputs
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The next 64 random bits (SplitMix64).
     *
     * @return any long, uniformly
     */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * Uniform in [0, 1) with 53 random bits.
     *
     * @return a multiple of 2^-53 in [0, 1)
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in [0, bound), without modulo bias.
     *
     * @param bound the exclusive upper limit, positive
     * @return an int in [0, bound)
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Rejection as in java.util.Random: drop draws from the incomplete top block.
        long u = nextLong() >>> 1;
        long r = u % bound;
        while (u - r + (bound - 1) < 0) {
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return (int) r;
    }

    /**
     * A standard normal draw, N(0, 1). The polar method makes two at a time; every second call
     * returns the stored spare without drawing.
     *
     * @return the draw
     */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /**
     * A uniformly random permutation of 0..n-1 (Fisher–Yates).
     *
     * @param n the number of elements, not negative
     * @return a fresh array holding each of 0..n-1 once
     */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
