/**
 * The purenet API: networks as immutable values ({@link dev.purenet.Network},
 * {@link dev.purenet.Layer}), their building blocks ({@link dev.purenet.Activation},
 * {@link dev.purenet.Cost}, {@link dev.purenet.Init}, {@link dev.purenet.Seed}) and the
 * fluent entry point {@link dev.purenet.Network#of(int...)}.
 */
@NullMarked
package dev.purenet;

import org.jspecify.annotations.NullMarked;
