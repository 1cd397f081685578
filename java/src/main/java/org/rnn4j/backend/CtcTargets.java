package org.rnn4j.backend;

import java.util.Arrays;

import org.rnn4j.Checks;

/**
 * The targets of a CTC loss over a batch of N sequences, as both backends take them: each sequence's real
 * steps T_n, its target labels (all N targets one after another) and their lengths, and the blank class.
 * Checked when made (labels against the class count C by the kernels). Immutable.
 *
 * @param inputLengths  T_n [N], each >= 0 (and at most the batch's T, checked by the kernels)
 * @param labels        the N targets concatenated: sum of labelLengths ids, none the blank
 * @param labelLengths  L_n [N], each >= 0
 * @param blank         the blank class, >= 0 (and &lt; C)
 */
public record CtcTargets(int[] inputLengths, long[] labels, int[] labelLengths, int blank) {

    public CtcTargets {
        Checks.notNull("inputLengths", inputLengths);
        Checks.notNull("labels", labels);
        Checks.notNull("labelLengths", labelLengths);
        if (inputLengths.length != labelLengths.length || inputLengths.length == 0) {
            throw new IllegalArgumentException("inputLengths and labelLengths must have one entry per sequence, got "
                    + inputLengths.length + " and " + labelLengths.length);
        }
        Checks.nonNegative("blank", blank);
        long total = 0;
        for (int n = 0; n < inputLengths.length; n++) {
            Checks.nonNegative("inputLengths[" + n + "]", inputLengths[n]);
            Checks.nonNegative("labelLengths[" + n + "]", labelLengths[n]);
            total += labelLengths[n];
        }
        Checks.length("labels", labels, total, "the sum of labelLengths");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == blank) {
                throw new IllegalArgumentException("labels[" + i + "] must not be the blank " + blank);
            }
        }
        inputLengths = inputLengths.clone();
        labels = labels.clone();
        labelLengths = labelLengths.clone();
    }

    /** Targets from one label array per sequence ({@code targets[n]} the labels of sequence n). */
    public static CtcTargets of(int[] inputLengths, int[][] targets, int blank) {
        Checks.notNull("targets", targets);
        int[] lengths = new int[targets.length];
        long[] labels = Arrays.stream(targets).flatMapToInt(Arrays::stream).asLongStream().toArray();
        for (int n = 0; n < targets.length; n++) {
            lengths[n] = Checks.notNull("targets[" + n + "]", targets[n]).length;
        }
        return new CtcTargets(inputLengths, labels, lengths, blank);
    }

    /** N. */
    public int batch() {
        return inputLengths.length;
    }

    /** Where sequence n's labels start in {@link #labels}. */
    public int start(int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            start += labelLengths[i];
        }
        return start;
    }

    /** The labels of sequence n. */
    public long[] labelsOf(int n) {
        int start = start(n);
        return Arrays.copyOfRange(labels, start, start + labelLengths[n]);
    }

    @Override
    public int[] inputLengths() {
        return inputLengths.clone();
    }

    @Override
    public long[] labels() {
        return labels.clone();
    }

    @Override
    public int[] labelLengths() {
        return labelLengths.clone();
    }

    /** The input lengths as int64, for the native kernels. */
    public long[] inputLengthsLong() {
        return Arrays.stream(inputLengths).asLongStream().toArray();
    }

    /** The label lengths as int64, for the native kernels. */
    public long[] labelLengthsLong() {
        return Arrays.stream(labelLengths).asLongStream().toArray();
    }
}
