package org.rnn4j.backend.jvm;

/**
 * Activations in f32, each through one {@link Math#exp} in double (intrinsified by the JIT; tanh as
 * 1 − 2 / (e^{2z} + 1) instead of the much slower {@link Math#tanh}), and their derivatives through
 * the activation's output, as in {@code org.rnn4j.reference.Activations}.
 */
final class FloatMath {
    private FloatMath() {
    }

    static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    /** d sigmoid / dz given s = sigmoid(z). */
    static float sigmoidGrad(float s) {
        return s * (1 - s);
    }

    static float tanh(float z) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0));
    }

    /** d tanh / dz given t = tanh(z). */
    static float tanhGrad(float t) {
        return 1 - t * t;
    }

    /** ReLU with alpha 0, as oneDNN's eltwise_relu. */
    static float relu(float z) {
        return z > 0 ? z : 0f;
    }

    /** d relu / dz given r = relu(z). */
    static float reluGrad(float r) {
        return r > 0 ? 1f : 0f;
    }
}
