"""A network in purenet's layer grammar, trained by PyTorch on the CPU, for `purenet bench --vs-torch`.

Builds the network from the same description `purenet bench --layers` takes, e.g.
"conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, softmax 10":
  conv MAPSxKxK ACT   network3.py's ConvPoolLayer: MAPS filters of K x K, valid, stride 1 ...
  pool P              ... max-pooled over P x P windows (floor: ignore_border), then the bias and
                      the activation: act(pool(conv(x)) + b), network3's order (the bias is inside
                      Conv2d here, before the pool: max(x) + b == max(x + b), the same function)
  dense N ACT         fully connected, N neurons
  softmax N           the same as dense N softmax
ACT is sigmoid, tanh, relu or identity (softmax too, for a dense layer). Dropout and anything else
are refused: the reference times exactly what purenet times.

Cost: the mean negative log-likelihood over the mini-batch when the last layer is softmax
(network3.py's), else the quadratic cost 0.5 |a - y|^2 averaged over the mini-batch; plain SGD at
--eta, no momentum, no weight decay: the same update as purenet's w <- w - (eta/m) sum of gradients.
Weights ~ N(0, 1/fan-in), biases ~ N(0, 1), purenet's Init.scaled() distribution (not its numbers:
torch's own generator, seeded with --seed). Each epoch shuffles the training images and keeps the
last, smaller mini-batch, as purenet's Sgd.

One thread: OMP/MKL/OPENBLAS_NUM_THREADS=1 before torch is imported, torch.set_num_threads(1).

Reads the MNIST-format IDX files (raw or .gz) in --data and trains on the first --images training
images, pixels / 255, as images of 1 x ROWS x COLUMNS (the file's dimensions).

Prints one line per event, words separated by single spaces:
  torch VERSION threads T mkldnn BOOL     first, what runs the network
  ready                                   after loading the data and the warm-up epochs of every dtype
  epoch DTYPE K SECONDS                   after each timed epoch in DTYPE (training only, no evaluation)
  correct DTYPE C N                       last, one per dtype: how many of the N training images that
                                          dtype's trained network classifies right

With --describe, only the first line (after checking --layers, when given, without data). With
--paced, each timed epoch waits for a line on standard input naming its dtype (float64 or float32),
so that a caller can alternate these epochs with its own; end of input ends the run. Without
--paced, --epochs timed epochs of each dtype in turn.

A description this script refuses ends it with exit code 2 and one line on standard error:
  torch_network.py: layer item I "TEXT": WHY
"""

import os

# Must be set before torch (and its OpenMP / BLAS) is loaded.
for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse
import gzip
import math
import sys
import time

SCRIPT = "torch_network.py"
ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity", "softmax")


class LayerError(ValueError):
    """A description the reference cannot build; the message names the layer item."""


def parse_layers(description):
    """The layers as dicts {kind: conv|dense, ...}, syntax only (no image shape needed); LayerError otherwise."""
    if not description.strip():
        raise LayerError('expected layers such as "conv 20x5x5 sigmoid, pool 2, softmax 10", got an empty description')
    layers = []
    for i, text in enumerate(description.split(",")):
        text = text.strip()
        where = 'layer item %d "%s": ' % (i + 1, text)
        words = text.split()
        if "dropout" in words:
            raise LayerError(where + "dropout is not supported by the torch reference (bench times training without"
                             " dropout); remove it")
        kind = words[0] if words else ""
        if kind == "conv":
            if len(words) != 3:
                raise LayerError(where + "expected conv MAPSxKxK ACTIVATION, e.g. conv 20x5x5 sigmoid")
            dims = words[1].split("x")
            if len(dims) != 3 or not all(d.isdigit() and int(d) > 0 for d in dims) or dims[1] != dims[2]:
                raise LayerError(where + "expected MAPSxKxK with square filters, such as 20x5x5, got " + words[1])
            layers.append({"kind": "conv", "maps": int(dims[0]), "kernel": int(dims[1]), "pool": 1,
                           "activation": activation(where, words[2], conv=True)})
        elif kind == "pool":
            if len(words) != 2 or not words[1].isdigit() or int(words[1]) < 1:
                raise LayerError(where + "expected pool P, e.g. pool 2")
            if not layers or layers[-1]["kind"] != "conv" or layers[-1]["pool"] != 1:
                raise LayerError(where + "pool must follow a conv layer (once)")
            layers[-1]["pool"] = int(words[1])
        elif kind in ("dense", "softmax"):
            fixed = 2 if kind == "softmax" else 3
            if len(words) != fixed or not words[1].isdigit() or int(words[1]) < 1:
                raise LayerError(where + ("expected softmax N, e.g. softmax 10" if kind == "softmax"
                                          else "expected dense N ACTIVATION, e.g. dense 100 sigmoid"))
            layers.append({"kind": "dense", "size": int(words[1]),
                           "activation": "softmax" if kind == "softmax" else activation(where, words[2], conv=False)})
        else:
            raise LayerError(where + "expected a layer starting with conv, pool, dense or softmax, got "
                             + ('"%s"' % kind if kind else "nothing"))
    return layers


def activation(where, name, conv):
    if name not in ACTIVATIONS or (conv and name == "softmax"):
        allowed = [a for a in ACTIVATIONS if not (conv and a == "softmax")]
        raise LayerError(where + "the torch reference knows the activations " + ", ".join(allowed) + ", got " + name)
    return name


def read_idx(directory, name):
    """The array in an IDX file: big-endian header (magic, then one 32-bit size per dimension), then bytes."""
    import numpy as np
    for path, opener in ((os.path.join(directory, name), open), (os.path.join(directory, name + ".gz"), gzip.open)):
        if os.path.isfile(path):
            with opener(path, "rb") as f:
                raw = f.read()
            dimensions = raw[3]
            shape = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions))
            return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)
    sys.exit("%s: no %s (raw or .gz) in %s" % (SCRIPT, name, directory))


def build(torch, layers, shape, classes, dtype, generator):
    """The torch modules for the layers over images of `shape` (channels, rows, columns): (modules, sizes, softmax_last)."""
    nn = torch.nn
    modules = []
    channels, rows, columns = shape
    flat = None  # inputs of the next dense layer, once the image is flattened
    for i, layer in enumerate(layers):
        if layer["kind"] == "conv":
            if flat is not None:
                raise LayerError("layer %d: a conv layer needs an image as input, but it follows a dense layer" % (i + 1))
            k, p = layer["kernel"], layer["pool"]
            if k > rows or k > columns or p > rows - k + 1 or p > columns - k + 1:
                raise LayerError("layer %d: conv %dx%d with pool %d does not fit its %dx%dx%d input"
                                 % (i + 1, k, k, p, channels, rows, columns))
            module = nn.Conv2d(channels, layer["maps"], k)
            fan_in = channels * k * k
            channels, rows, columns = layer["maps"], (rows - k + 1) // p, (columns - k + 1) // p
        else:
            inputs = flat if flat is not None else channels * rows * columns
            module = nn.Linear(inputs, layer["size"])
            fan_in = inputs
            flat = layer["size"]
        with torch.no_grad():
            module.weight.copy_(torch.randn(module.weight.shape, generator=generator, dtype=torch.float64) / math.sqrt(fan_in))
            module.bias.copy_(torch.randn(module.bias.shape, generator=generator, dtype=torch.float64))
        modules.append(module.to(dtype))
    outputs = flat if flat is not None else channels * rows * columns
    if outputs != classes:
        raise LayerError("the last layer has %d outputs, but the data has %d classes" % (outputs, classes))
    return modules


class Reference:
    """One dtype's data, network and optimizer."""

    def __init__(self, torch, layers, images, labels, classes, dtype_name, eta, seed):
        self.torch = torch
        self.name = dtype_name
        dtype = torch.float64 if dtype_name == "float64" else torch.float32
        count, rows, columns = images.shape
        self.x = (torch.from_numpy(images.astype("float64")) / 255.0).to(dtype).reshape(count, 1, rows, columns).contiguous()
        self.labels = torch.from_numpy(labels.astype("int64"))
        self.targets = torch.nn.functional.one_hot(self.labels, classes).to(dtype)
        self.layers = layers
        self.modules = build(torch, layers, (1, rows, columns), classes, dtype, torch.Generator().manual_seed(seed))
        self.softmax_last = layers[-1]["kind"] == "dense" and layers[-1]["activation"] == "softmax"
        parameters = [p for m in self.modules for p in m.parameters()]
        self.optimizer = torch.optim.SGD(parameters, lr=eta, momentum=0.0, weight_decay=0.0)
        self.shuffle = torch.Generator().manual_seed(seed + 1)
        self.epochs = 0

    def forward(self, x):
        """The output layer's z when the last layer is softmax (for log_softmax), else its activation."""
        F = self.torch.nn.functional
        last = len(self.layers) - 1
        for i, (layer, module) in enumerate(zip(self.layers, self.modules)):
            if layer["kind"] == "conv":
                x = module(x)
                if layer["pool"] > 1:
                    x = F.max_pool2d(x, layer["pool"])
            else:
                x = module(x.flatten(1))
            if i == last and self.softmax_last:
                return x
            x = apply(self.torch, layer["activation"], x)
        return x

    def epoch(self, m):
        torch = self.torch
        F = torch.nn.functional
        n = self.x.shape[0]
        order = torch.randperm(n, generator=self.shuffle)
        for start in range(0, n, m):
            rows = order[start:start + m]
            x = self.x.index_select(0, rows)
            out = self.forward(x)
            if self.softmax_last:
                loss = F.nll_loss(F.log_softmax(out, dim=1), self.labels.index_select(0, rows))  # mean over the batch
            else:
                loss = 0.5 * (out - self.targets.index_select(0, rows)).pow(2).sum() / len(rows)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
        self.epochs += 1

    def correct(self, chunk=1000):
        right = 0
        with self.torch.no_grad():
            for start in range(0, self.x.shape[0], chunk):
                out = self.forward(self.x[start:start + chunk])
                right += int((out.argmax(1) == self.labels[start:start + chunk]).sum())
        return right


def apply(torch, name, x):
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "relu":
        return torch.relu(x)
    if name == "softmax":
        return torch.softmax(x, dim=1)
    return x


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="directory with the MNIST-format IDX files")
    parser.add_argument("--images", type=int, default=50000, help="train on the first N training images")
    parser.add_argument("--layers", help='the network, e.g. "conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, softmax 10"')
    parser.add_argument("--batch", type=int, default=10, help="mini-batch size")
    parser.add_argument("--eta", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=1, help="timed epochs per dtype (without --paced)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed epochs of each dtype first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dtypes", default="float64,float32", help="float64, float32 or both, comma-separated")
    parser.add_argument("--paced", action="store_true", help="wait for a line naming the dtype before each timed epoch")
    parser.add_argument("--describe", action="store_true", help="print only the first line (torch and its threads)")
    args = parser.parse_args()

    try:
        layers = parse_layers(args.layers) if args.layers is not None else None
    except LayerError as e:
        print("%s: %s" % (SCRIPT, e), file=sys.stderr, flush=True)
        sys.exit(2)
    if not args.describe and (args.data is None or layers is None):
        parser.error("--data and --layers are required")
    dtypes = args.dtypes.split(",")
    if any(d not in ("float64", "float32") for d in dtypes):
        parser.error("--dtypes takes float64 and float32, got " + args.dtypes)

    import torch
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    print("torch", torch.__version__, "threads", torch.get_num_threads(), "mkldnn", torch.backends.mkldnn.is_available(),
          flush=True)
    if args.describe:
        return
    pixels = read_idx(args.data, "train-images-idx3-ubyte")[:args.images]
    labels = read_idx(args.data, "train-labels-idx1-ubyte")[:args.images]
    classes = 10  # MNIST's digits, as purenet's MNIST-format data
    try:
        references = {d: Reference(torch, layers, pixels, labels, classes, d, args.eta, args.seed) for d in dtypes}
    except LayerError as e:
        print("%s: %s" % (SCRIPT, e), file=sys.stderr, flush=True)
        sys.exit(2)
    for d in dtypes:
        for _ in range(args.warmup):
            references[d].epoch(args.batch)
    print("ready", flush=True)
    timed = {d: 0 for d in dtypes}

    def timed_epoch(d):
        start = time.perf_counter()
        references[d].epoch(args.batch)
        timed[d] += 1
        print("epoch", d, timed[d], repr(time.perf_counter() - start), flush=True)

    if args.paced:
        for line in sys.stdin:
            d = line.strip()
            if d not in references:
                sys.exit("%s: asked for an epoch in '%s', but the run has %s" % (SCRIPT, d, ", ".join(dtypes)))
            timed_epoch(d)
    else:
        for _ in range(args.epochs):
            for d in dtypes:
                timed_epoch(d)
    for d in dtypes:
        print("correct", d, references[d].correct(), len(pixels), flush=True)


if __name__ == "__main__":
    main()
