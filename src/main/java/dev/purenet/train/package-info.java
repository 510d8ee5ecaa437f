/**
 * Training as pure functions over immutable networks: {@link dev.purenet.train.Backprop}
 * (batched and the per-example reference) and the gradient step.
 */
@NullMarked
package dev.purenet.train;

import org.jspecify.annotations.NullMarked;
