/**
 * Data at the edge: the compact {@link dev.purenet.data.Dataset} value, the IDX reader for
 * MNIST-format files, the book's MNIST split and the one-time fetch of MNIST.
 */
@NullMarked
package dev.purenet.data;

import org.jspecify.annotations.NullMarked;
