"""Golden numbers for SgdStepGoldenTest, computed independently with numpy.

network.py's update_mini_batch, written out for one fixed 2-3-2 sigmoid network and a batch
of two examples, quadratic cost, eta = 0.5. Run: python3 sgd_step.py
"""
import numpy as np

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

weights = [np.array([[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]]),
           np.array([[0.7, -0.1, 0.2], [-0.3, 0.5, -0.4]])]
biases = [np.array([[0.01], [-0.02], [0.03]]), np.array([[0.05], [-0.06]])]
batch = [(np.array([[0.9], [0.1]]), np.array([[1.0], [0.0]])),
         (np.array([[0.2], [0.8]]), np.array([[0.0], [1.0]]))]
eta = 0.5

def backprop(x, y):
    nabla_b = [np.zeros(b.shape) for b in biases]
    nabla_w = [np.zeros(w.shape) for w in weights]
    activation, activations, zs = x, [x], []
    for b, w in zip(biases, weights):
        z = np.dot(w, activation) + b
        zs.append(z)
        activation = sigmoid(z)
        activations.append(activation)
    delta = (activations[-1] - y) * sigmoid(zs[-1]) * (1 - sigmoid(zs[-1]))
    nabla_b[-1], nabla_w[-1] = delta, np.dot(delta, activations[-2].T)
    for l in range(2, len(weights) + 1):
        sp = sigmoid(zs[-l]) * (1 - sigmoid(zs[-l]))
        delta = np.dot(weights[-l + 1].T, delta) * sp
        nabla_b[-l], nabla_w[-l] = delta, np.dot(delta, activations[-l - 1].T)
    return nabla_b, nabla_w

nabla_b = [np.zeros(b.shape) for b in biases]
nabla_w = [np.zeros(w.shape) for w in weights]
for x, y in batch:
    db, dw = backprop(x, y)
    nabla_b = [nb + d for nb, d in zip(nabla_b, db)]
    nabla_w = [nw + d for nw, d in zip(nabla_w, dw)]
new_w = [w - (eta / len(batch)) * nw for w, nw in zip(weights, nabla_w)]
new_b = [b - (eta / len(batch)) * nb for b, nb in zip(biases, nabla_b)]
for k, (w, b) in enumerate(zip(new_w, new_b)):
    print(f"layer {k + 1} weights", [[repr(float(v)) for v in row] for row in w])
    print(f"layer {k + 1} biases", [repr(float(v)) for v in b[:, 0]])
