/**
 * Numerical core: the immutable {@link dev.purenet.math.Matrix} value, the seeded
 * {@link dev.purenet.math.Rng}, and the only code in purenet that calls jblas.
 */
@NullMarked
package dev.purenet.math;

import org.jspecify.annotations.NullMarked;
