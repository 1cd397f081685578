package org.rnn4j.reference;

/** Scalar activations and their derivatives expressed through the activation's output. */
final class Activations {
    private Activations() {
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** d sigmoid / dz, given s = sigmoid(z). */
    static double sigmoidGrad(double s) {
        return s * (1.0 - s);
    }

    static double tanh(double z) {
        return Math.tanh(z);
    }

    /** d tanh / dz, given t = tanh(z). */
    static double tanhGrad(double t) {
        return 1.0 - t * t;
    }

    /** ReLU with alpha 0, as oneDNN's eltwise_relu. */
    static double relu(double z) {
        return z > 0 ? z : 0.0;
    }

    /** d relu / dz, given r = relu(z): 1 where z > 0, else 0. */
    static double reluGrad(double r) {
        return r > 0 ? 1.0 : 0.0;
    }
}
