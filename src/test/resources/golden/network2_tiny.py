"""Golden file and outputs for Network2FormatTest, computed independently with numpy.

Writes network2-tiny.json beside this script exactly as the book's network2.py Network.save()
writes it (json.dump of the dict: one line, ", " and ": " separators, floats as repr), for a
fixed 3-4-2 sigmoid network with CrossEntropyCost, then prints network2.py's feedforward for
three fixed inputs. The weights mix plain decimals, 17-digit values, tiny and signed-zero
numbers so that every way Python writes a float is in the file. Run: python3 network2_tiny.py
"""
import json
import os

import numpy as np


class CrossEntropyCost(object):
    pass


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


sizes = [3, 4, 2]
weights = [np.array([[0.1, -0.2, 0.1 + 0.2],
                     [1e-05, 0.0001, -1.5],
                     [np.pi / 4, -2.0, 3e-17],
                     [12.5, -0.0, 1.0 / 3]]),
           np.array([[0.6, -0.4, 1.25, -0.0625],
                     [-0.9, 0.8, 2.5e-07, 2.0 / 3]])]
biases = [np.array([[0.01], [-0.02], [0.5], [-1e-06]]),
          np.array([[0.05], [-0.125]])]
cost = CrossEntropyCost
inputs = [np.array([[0.9], [0.1], [0.5]]),
          np.array([[0.0], [1.0], [0.25]]),
          np.array([[1.0 / 3], [2.0 / 3], [1.0]])]


def save(filename):
    # network2.py's Network.save, verbatim apart from self.
    data = {"sizes": sizes,
            "weights": [w.tolist() for w in weights],
            "biases": [b.tolist() for b in biases],
            "cost": str(cost.__name__)}
    f = open(filename, "w")
    json.dump(data, f)
    f.close()


def feedforward(a):
    for b, w in zip(biases, weights):
        a = sigmoid(np.dot(w, a) + b)
    return a


save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "network2-tiny.json"))
for k, x in enumerate(inputs):
    print(f"input {k}", [repr(float(v)) for v in x[:, 0]],
          "output", [repr(float(v)) for v in feedforward(x)[:, 0]])
