package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.Checks;
import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.backend.CtcTargets;
import org.rnn4j.tensor.Tensor;

/**
 * Connectionist temporal classification (Graves et al. 2006): the loss of a sequence of per-step class scores
 * logits [T, N, C] against a shorter target sequence when the alignment is unknown. Sequence n reads its first
 * T_n steps; p(target_n) sums over every path of T_n classes that collapses to target_n (repeats merged, then
 * the blank dropped), so a label repeated in the target needs a blank between its copies. The loss per
 * sequence is −log p(target_n); {@link Reduction} combines them as PyTorch's {@code nn.CTCLoss} does, and
 * {@link CtcInfinity} says what an impossible target (too long for T_n) gives. A softmax over C is taken inside:
 * pass the scores, not log-probabilities.
 *
 * <pre>{@code
 * CtcLoss ctc = new CtcLoss(Kernels.of(Backend.NATIVE), CtcLoss.Options.DEFAULT.infinity(CtcInfinity.ZERO));
 * CtcLoss.Pass pass = ctc.forward(logits, lengths, new int[][] {{3, 1, 4}, {1, 5}});   // logits [T, 2, C]
 * Tensor dLogits = ctc.backward(pass);                                                 // [T, 2, C]
 * }</pre>
 */
public final class CtcLoss {
    private final Kernels kernels;
    private final Options options;

    /** How the per-sequence losses make one number. */
    public enum Reduction {
        /** Each loss divided by its target length (at least 1), then the mean over the batch (PyTorch's "mean"). */
        MEAN,
        /** The sum over the batch. */
        SUM
    }

    /**
     * The loss's settings. Immutable.
     *
     * @param blank     the blank class, >= 0 (and below C)
     * @param reduction how the sequences' losses combine
     * @param infinity  what an impossible target gives
     */
    public record Options(int blank, Reduction reduction, CtcInfinity infinity) {
        /** Blank 0, {@link Reduction#MEAN}, {@link CtcInfinity#KEEP}: PyTorch's defaults. */
        public static final Options DEFAULT = new Options(0, Reduction.MEAN, CtcInfinity.KEEP);

        public Options {
            Checks.nonNegative("blank", blank);
            Objects.requireNonNull(reduction, "reduction");
            Objects.requireNonNull(infinity, "infinity");
        }

        public Options blank(int newBlank) {
            return new Options(newBlank, reduction, infinity);
        }

        public Options reduction(Reduction newReduction) {
            return new Options(blank, newReduction, infinity);
        }

        public Options infinity(CtcInfinity newInfinity) {
            return new Options(blank, reduction, newInfinity);
        }
    }

    /**
     * What {@link #backward} needs, and the loss.
     *
     * @param losses −log p(target_n) per sequence [N] (after {@link CtcInfinity})
     * @param loss   the reduced loss: for MEAN its mean over the N sequences (weight N), for SUM the sum (weight 1)
     */
    public record Pass(Tensor logits, CtcTargets targets, double[] losses, LossValue loss) {
    }

    /** The loss with {@link Options#DEFAULT}. */
    public CtcLoss(Kernels kernels) {
        this(kernels, Options.DEFAULT);
    }

    public CtcLoss(Kernels kernels, Options options) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /** logits [T, N, C]; inputLengths T_n [N] in [0, T]; targets[n] the labels of sequence n, none the blank. */
    public Pass forward(Tensor logits, int[] inputLengths, int[][] targets) {
        return forward(logits, CtcTargets.of(inputLengths, targets, options.blank()));
    }

    /** logits [T, N, C] against {@code targets}, whose blank must be this loss's. */
    public Pass forward(Tensor logits, CtcTargets targets) {
        Objects.requireNonNull(targets, "targets");
        if (targets.blank() != options.blank()) {
            throw new IllegalArgumentException("targets must use this loss's blank " + options.blank() + ", got "
                    + targets.blank());
        }
        double[] losses = kernels.ctcLosses(logits, targets, options.infinity());     // [N]
        double[] weights = weights(targets);
        double total = 0;
        for (int n = 0; n < losses.length; n++) {
            total += weights[n] * losses[n];
        }
        LossValue loss = options.reduction() == Reduction.MEAN ? new LossValue(total, losses.length)
                : new LossValue(total, 1);
        return new Pass(logits, targets, losses, loss);
    }

    /** dLogits [T, N, C] of the reduced loss; 0 past each sequence's T_n. */
    public Tensor backward(Pass pass) {
        return kernels.ctcGradient(pass.logits(), pass.targets(), options.infinity(), weights(pass.targets()));
    }

    /** ∂(reduced loss)/∂losses[n]: 1 / (N · max(L_n, 1)) for MEAN, 1 for SUM. */
    private double[] weights(CtcTargets targets) {
        int[] labelLengths = targets.labelLengths();
        double[] weights = new double[labelLengths.length];
        for (int n = 0; n < weights.length; n++) {
            weights[n] = options.reduction() == Reduction.MEAN
                    ? 1.0 / ((double) weights.length * Math.max(labelLengths[n], 1)) : 1.0;
        }
        return weights;
    }
}
