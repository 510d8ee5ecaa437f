/**
 * Runnable examples of the purenet API, one {@code main} each; see examples/README.md.
 */
@NullMarked
package dev.purenet.examples;

import org.jspecify.annotations.NullMarked;
