"""The book's network in numpy, for `purenet bench --vs-numpy`.

Chapter 1's settings: sigmoid layers, quadratic cost, weights and biases drawn from N(0, 1),
plain SGD. Backprop is fully matrix-based: a mini-batch is one matrix with one column per
example, so each layer costs three matrix products per mini-batch (W.a, delta.a^T, W^T.delta).
float64, as the book. Written the way a numpy user makes it fast: the data is gathered into
preallocated batch arrays, every product and element-wise step writes into a preallocated
array (`out=`), and the BLAS does the products.

Reads the MNIST-format IDX files (raw or .gz) in --data and trains on the first --images
training images, pixels / 255 (the book's 50,000 when the file holds MNIST's 60,000).

Prints one line per event, words separated by single spaces:
  numpy VERSION BLAS...      first, what runs the products
  ready                      after loading the data and the warm-up epochs
  epoch K SECONDS            after each timed epoch (training only, no evaluation)
  correct C N                last: how many of the N training images the trained network classifies right

With --describe, only the first line. With --paced, each timed epoch waits for a line on
standard input, so that a caller can alternate these epochs with its own; end of input ends the
run early.
"""

import argparse
import gzip
import os
import sys
import time

import numpy as np


def read_idx(directory, name):
    """The array in an IDX file: big-endian header (magic, then one 32-bit size per dimension), then bytes."""
    for path, opener in ((os.path.join(directory, name), open), (os.path.join(directory, name + ".gz"), gzip.open)):
        if os.path.isfile(path):
            with opener(path, "rb") as f:
                raw = f.read()
            dimensions = raw[3]
            shape = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions))
            return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)
    sys.exit("numpy_network.py: no %s (raw or .gz) in %s" % (name, directory))


def blas_name():
    """The BLAS numpy was built with, as numpy reports it (numpy 1.25 and later), else 'unknown'."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return "%s %s" % (blas.get("name", "unknown"), blas.get("version", ""))
    except Exception:  # older numpy: no dictionary form
        return "unknown"


class Network:
    """Weights W[k] (outputs x inputs) and biases b[k] (outputs x 1) of each layer."""

    def __init__(self, sizes, rng):
        self.sizes = sizes
        self.weights = [rng.standard_normal((y, x)) for x, y in zip(sizes[:-1], sizes[1:])]
        self.biases = [rng.standard_normal((y, 1)) for y in sizes[1:]]
        self.workspaces = {}

    def workspace(self, m):
        """Arrays for a mini-batch of m examples, made once per size (the last mini-batch may be smaller)."""
        if m not in self.workspaces:
            layers = self.sizes[1:]
            self.workspaces[m] = {
                "x": np.empty((m, self.sizes[0])),  # examples as rows; x.T is the batch's column matrix
                "y": np.empty((m, self.sizes[-1])),
                "a": [np.empty((n, m)) for n in layers],
                "delta": [np.empty((n, m)) for n in layers],
                "one_minus_a": [np.empty((n, m)) for n in layers],
                # eta/m times the gradient: what is subtracted from each parameter
                "step_w": [np.empty(w.shape) for w in self.weights],
                "step_b": [np.empty(b.shape) for b in self.biases],
            }
        return self.workspaces[m]

    def feedforward(self, x, outputs):
        """Activations of every layer for the columns of x, written into outputs."""
        a = x
        for w, b, out in zip(self.weights, self.biases, outputs):
            np.dot(w, a, out=out)
            out += b
            sigmoid(out)
            a = out
        return outputs[-1]

    def sgd_step(self, images, targets, rows, eta):
        """One gradient step on the examples `rows`: gather, forward, backward, update."""
        ws = self.workspace(len(rows))
        # mode="clip" gathers straight into out (the default mode buffers); the rows are valid anyway.
        np.take(images, rows, axis=0, out=ws["x"], mode="clip")
        np.take(targets, rows, axis=0, out=ws["y"], mode="clip")
        x = ws["x"].T
        activations = ws["a"]
        self.feedforward(x, activations)
        # Output layer: delta = (a - y) * sigma'(z), with sigma'(z) = a (1 - a).
        delta = ws["delta"][-1]
        np.subtract(activations[-1], ws["y"].T, out=delta)
        times_sigmoid_prime(delta, activations[-1], ws["one_minus_a"][-1])
        step = eta / len(rows)
        for k in range(len(self.weights) - 1, -1, -1):
            if k > 0:
                # Before W[k] changes: the book's gradient uses the weights of the forward pass.
                np.dot(self.weights[k].T, delta, out=ws["delta"][k - 1])
            # eta / m applied to delta (n x m) rather than to the gradient (n x inputs): fewer multiplications.
            delta *= step
            below = activations[k - 1] if k > 0 else x
            np.dot(delta, below.T, out=ws["step_w"][k])
            np.sum(delta, axis=1, keepdims=True, out=ws["step_b"][k])
            if k > 0:
                delta = ws["delta"][k - 1]
                times_sigmoid_prime(delta, activations[k - 1], ws["one_minus_a"][k - 1])
        for w, b, step_w, step_b in zip(self.weights, self.biases, ws["step_w"], ws["step_b"]):
            w -= step_w
            b -= step_b

    def epoch(self, images, targets, m, eta, rng):
        """One pass over the images in a fresh random order, one step per mini-batch of m."""
        order = rng.permutation(len(images))
        for start in range(0, len(order), m):
            self.sgd_step(images, targets, order[start:start + m], eta)

    def correct(self, images, labels, chunk=1000):
        """How many images the largest output classifies right, evaluated a chunk of columns at a time."""
        right = 0
        for start in range(0, len(images), chunk):
            x = images[start:start + chunk].T
            outputs = [np.empty((n, x.shape[1])) for n in self.sizes[1:]]
            right += int(np.sum(np.argmax(self.feedforward(x, outputs), axis=0) == labels[start:start + chunk]))
        return right


def sigmoid(z):
    """z <- 1 / (1 + exp(-z)), in place."""
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1
    np.reciprocal(z, out=z)


def times_sigmoid_prime(delta, a, one_minus_a):
    """delta <- delta * a * (1 - a), in place; a is the layer's sigmoid output, one_minus_a scratch."""
    np.subtract(1.0, a, out=one_minus_a)
    delta *= a
    delta *= one_minus_a


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="directory with the MNIST-format IDX files")
    parser.add_argument("--images", type=int, default=50000, help="train on the first N training images")
    parser.add_argument("--hidden", default="30", help="hidden-layer sizes, comma-separated")
    parser.add_argument("--batch", type=int, default=10, help="mini-batch size")
    parser.add_argument("--eta", type=float, default=3.0)
    parser.add_argument("--epochs", type=int, default=5, help="timed epochs")
    parser.add_argument("--warmup", type=int, default=1, help="untimed epochs first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--paced", action="store_true", help="wait for a line on standard input before each timed epoch")
    parser.add_argument("--describe", action="store_true", help="print only the first line (numpy and its BLAS)")
    args = parser.parse_args()

    if args.data is None and not args.describe:
        parser.error("--data is required")
    print("numpy", np.__version__, blas_name(), flush=True)
    if args.describe:
        return
    pixels = read_idx(args.data, "train-images-idx3-ubyte")
    labels = read_idx(args.data, "train-labels-idx1-ubyte")[:args.images].astype(np.intp)
    images = pixels.reshape(len(pixels), -1)[:args.images] / 255.0
    classes = 10  # MNIST's digits, as purenet's bench networks (PIXELS-N-10)
    targets = np.zeros((len(labels), classes))
    targets[np.arange(len(labels)), labels] = 1.0
    sizes = [images.shape[1]] + [int(h) for h in args.hidden.split(",")] + [classes]

    rng = np.random.default_rng(args.seed)
    network = Network(sizes, rng)
    # exp(-z) overflows to inf for very negative z, where 1 / (1 + inf) = 0 is the right sigmoid.
    with np.errstate(over="ignore"):
        for _ in range(args.warmup):
            network.epoch(images, targets, args.batch, args.eta, rng)
        print("ready", flush=True)
        for k in range(1, args.epochs + 1):
            if args.paced and not sys.stdin.readline():
                break
            start = time.perf_counter()
            network.epoch(images, targets, args.batch, args.eta, rng)
            print("epoch", k, repr(time.perf_counter() - start), flush=True)
        print("correct", network.correct(images, labels), len(images), flush=True)


if __name__ == "__main__":
    main()
