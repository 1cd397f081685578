package org.rnn4j.backend.jvm;

import java.util.Arrays;

import org.rnn4j.Checks;
import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.backend.CtcTargets;

/**
 * The JVM backend's CTC loss (Graves et al. 2006) over flat f32 logits [T, N, C], with librnn4j's semantics
 * ({@code ctc_loss_forward}/{@code ctc_loss_backward} in {@code rnn4j_ops.h}) but computed another way: the
 * α and β recursions in probability space, rescaled at every step to sum to 1 (Graves's scaling), with
 * log p(target) the sum of the logs of the scales. Everything in double.
 */
public final class JvmCtc {
    private JvmCtc() {
    }

    /** −log p(target_n | logits) for each sequence [N] (+∞ or 0 for an impossible target, per {@code infinity}). */
    public static double[] losses(float[] logits, int steps, int classes, CtcTargets targets, CtcInfinity infinity) {
        int batch = check(logits, steps, classes, targets, infinity);
        double[] losses = new double[batch];
        for (int n = 0; n < batch; n++) {
            Lattice lattice = new Lattice(logits, batch, classes, n, targets);
            double logP = lattice.forward();
            losses[n] = logP == Double.NEGATIVE_INFINITY && infinity == CtcInfinity.ZERO ? 0 : -logP;
        }
        return losses;
    }

    /** dLogits [T, N, C] = lossGradients[n] · (softmax − γ) for t &lt; T_n, 0 after ({@code ctc_loss_backward}). */
    public static float[] gradient(float[] logits, int steps, int classes, CtcTargets targets, CtcInfinity infinity,
                                   double[] lossGradients) {
        int batch = check(logits, steps, classes, targets, infinity);
        Checks.length("lossGradients", lossGradients, batch);
        float[] out = new float[logits.length];
        for (int n = 0; n < batch; n++) {
            if (!Double.isFinite(lossGradients[n])) {
                throw new IllegalArgumentException("lossGradients[" + n + "] must be finite, got " + lossGradients[n]);
            }
            Lattice lattice = new Lattice(logits, batch, classes, n, targets);
            if (lattice.forward() == Double.NEGATIVE_INFINITY) {
                float value = infinity == CtcInfinity.ZERO ? 0f : Float.NaN;
                for (int t = 0; t < lattice.length; t++) {
                    Arrays.fill(out, (t * batch + n) * classes, (t * batch + n + 1) * classes, value);
                }
                continue;
            }
            double[] occupancy = lattice.occupancy();                    // [T_n, C]
            for (int t = 0; t < lattice.length; t++) {
                for (int c = 0; c < classes; c++) {
                    double softmax = lattice.probabilities[t * classes + c];
                    out[(t * batch + n) * classes + c] =
                            (float) (lossGradients[n] * (softmax - occupancy[t * classes + c]));
                }
            }
        }
        return out;
    }

    private static int check(float[] logits, int steps, int classes, CtcTargets targets, CtcInfinity infinity) {
        Checks.notNull("targets", targets);
        Checks.notNull("infinity", infinity);
        Checks.positive("steps", steps);
        Checks.positive("classes", classes);
        int batch = targets.batch();
        Checks.length("logits", logits, (long) steps * batch * classes);
        if (targets.blank() >= classes) {
            throw new IllegalArgumentException("blank must be in [0, C) = [0, " + classes + "), got "
                    + targets.blank());
        }
        Checks.ids("labels", targets.labels(), classes, "C");
        int[] lengths = targets.inputLengths();
        for (int n = 0; n < batch; n++) {
            if (lengths[n] > steps) {
                throw new IllegalArgumentException("inputLengths[" + n + "] must be in [0, T] = [0, " + steps
                        + "], got " + lengths[n]);
            }
        }
        return batch;
    }

    /** One sequence: its softmax for its T_n steps, its target with blanks l' [S = 2L + 1], α and β rescaled. */
    private static final class Lattice {
        final int length;
        final int classes;
        final double[] probabilities;  // [T_n, C]
        final int[] states;            // l' [S]
        double[] alpha;                // [T_n, S], each step summing to 1

        Lattice(float[] logits, int batch, int classes, int n, CtcTargets targets) {
            this.length = targets.inputLengths()[n];
            this.classes = classes;
            this.probabilities = new double[length * classes];
            for (int t = 0; t < length; t++) {
                int row = (t * batch + n) * classes;
                double high = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    high = Math.max(high, logits[row + c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += probabilities[t * classes + c] = Math.exp(logits[row + c] - high);
                }
                for (int c = 0; c < classes; c++) {
                    probabilities[t * classes + c] /= sum;
                }
            }
            long[] labels = targets.labelsOf(n);
            this.states = new int[2 * labels.length + 1];
            Arrays.fill(states, targets.blank());
            for (int i = 0; i < labels.length; i++) {
                states[2 * i + 1] = (int) labels[i];
            }
        }

        double y(int t, int s) {
            return probabilities[t * classes + states[s]];
        }

        /** A path may enter state s from s − 2: s is a label that differs from the label two states back. */
        boolean skips(int s) {
            return s >= 2 && states[s] != states[0] && states[s] != states[s - 2];
        }

        /** Fills α; returns log p(target), −∞ when no alignment fits. */
        double forward() {
            int size = states.length;
            if (length == 0) {
                return size == 1 ? 0 : Double.NEGATIVE_INFINITY;
            }
            alpha = new double[length * size];
            alpha[0] = y(0, 0);
            if (size > 1) {
                alpha[1] = y(0, 1);
            }
            double logP = normalise(alpha, 0, size);
            for (int t = 1; t < length && logP > Double.NEGATIVE_INFINITY; t++) {
                for (int s = 0; s < size; s++) {
                    int previous = (t - 1) * size + s;
                    double sum = alpha[previous] + (s >= 1 ? alpha[previous - 1] : 0)
                            + (skips(s) ? alpha[previous - 2] : 0);
                    alpha[t * size + s] = sum * y(t, s);
                }
                logP += normalise(alpha, t * size, size);
            }
            if (logP == Double.NEGATIVE_INFINITY) {
                return logP;
            }
            // α at the last step is normalised; p is the part of it in the final blank or the final label.
            double end = alpha[(length - 1) * size + size - 1] + (size > 1 ? alpha[(length - 1) * size + size - 2] : 0);
            return end > 0 ? logP + Math.log(end) : Double.NEGATIVE_INFINITY;
        }

        /** γ [T_n, C]: the posterior probability of emitting class c at step t (needs {@link #forward}). */
        double[] occupancy() {
            int size = states.length;
            double[] beta = new double[length * size];       // emissions after t, given state s at t; rescaled
            beta[(length - 1) * size + size - 1] = 1;
            if (size > 1) {
                beta[(length - 1) * size + size - 2] = 1;
            }
            for (int t = length - 2; t >= 0; t--) {
                for (int s = 0; s < size; s++) {
                    int next = (t + 1) * size + s;
                    double sum = beta[next] * y(t + 1, s);
                    if (s + 1 < size) {
                        sum += beta[next + 1] * y(t + 1, s + 1);
                    }
                    if (s + 2 < size && skips(s + 2)) {
                        sum += beta[next + 2] * y(t + 1, s + 2);
                    }
                    beta[t * size + s] = sum;
                }
                normalise(beta, t * size, size);
            }
            double[] gamma = new double[length * classes];
            for (int t = 0; t < length; t++) {
                double total = 0;
                for (int s = 0; s < size; s++) {
                    total += alpha[t * size + s] * beta[t * size + s];
                }
                for (int s = 0; s < size; s++) {
                    gamma[t * classes + states[s]] += alpha[t * size + s] * beta[t * size + s] / total;
                }
            }
            return gamma;
        }

        /** Scales values[from, from + size) to sum 1; returns the log of the sum (−∞ when all are 0). */
        private static double normalise(double[] values, int from, int size) {
            double sum = 0;
            for (int i = from; i < from + size; i++) {
                sum += values[i];
            }
            if (sum > 0) {
                for (int i = from; i < from + size; i++) {
                    values[i] /= sum;
                }
            }
            return Math.log(sum);
        }
    }
}
