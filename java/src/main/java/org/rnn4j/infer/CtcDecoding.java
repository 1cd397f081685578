package org.rnn4j.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decoding a CTC model's per-step class probabilities [T][C] into labels: {@link #greedy} takes the likeliest
 * class at every step, merges repeats and drops blanks; {@link #beam} is prefix beam search (Hannun et al.
 * 2014), which keeps the {@code width} likeliest label prefixes, each with the probability of ending in a blank
 * and of ending in its last label, so that paths collapsing to the same prefix add up.
 */
public final class CtcDecoding {
    private CtcDecoding() {
    }

    /** Best path: argmax at every step [T][C], repeats merged, blanks dropped. */
    public static int[] greedy(float[][] probabilities, int blank) {
        check(probabilities, blank);
        List<Integer> out = new ArrayList<>();
        int previous = -1;
        for (float[] step : probabilities) {
            int best = Sampling.greedy(step);
            if (best != blank && best != previous) {
                out.add(best);
            }
            previous = best;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Prefix beam search over probabilities [T][C] (each row a distribution) keeping {@code width} prefixes. */
    public static int[] beam(float[][] probabilities, int blank, int width) {
        check(probabilities, blank);
        if (width <= 0) {
            throw new IllegalArgumentException("width must be > 0, got " + width);
        }
        Map<Prefix, Scores> beams = new HashMap<>();
        beams.put(Prefix.EMPTY, new Scores(0, Double.NEGATIVE_INFINITY));
        for (float[] step : probabilities) {
            double[] logs = new double[step.length];
            for (int c = 0; c < step.length; c++) {
                logs[c] = Math.log(step[c]);
            }
            Map<Prefix, Scores> next = new HashMap<>();
            for (Map.Entry<Prefix, Scores> entry : beams.entrySet()) {
                Prefix prefix = entry.getKey();
                Scores scores = entry.getValue();
                double total = scores.total();
                // A blank keeps the prefix and ends it in a blank.
                next.merge(prefix, new Scores(total + logs[blank], Double.NEGATIVE_INFINITY), Scores::plus);
                for (int c = 0; c < step.length; c++) {
                    if (c == blank || logs[c] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    if (c == prefix.last()) {
                        // The same label again: merged into the prefix unless a blank came between.
                        next.merge(prefix, new Scores(Double.NEGATIVE_INFINITY, scores.label() + logs[c]),
                                Scores::plus);
                        next.merge(prefix.plus(c), new Scores(Double.NEGATIVE_INFINITY, scores.blank() + logs[c]),
                                Scores::plus);
                    } else {
                        next.merge(prefix.plus(c), new Scores(Double.NEGATIVE_INFINITY, total + logs[c]), Scores::plus);
                    }
                }
            }
            beams = new HashMap<>();
            List<Map.Entry<Prefix, Scores>> ranked = new ArrayList<>(next.entrySet());
            ranked.sort(Comparator.comparingDouble((Map.Entry<Prefix, Scores> e) -> -e.getValue().total())
                    .thenComparing(e -> e.getKey().toString()));
            for (Map.Entry<Prefix, Scores> e : ranked.subList(0, Math.min(width, ranked.size()))) {
                beams.put(e.getKey(), e.getValue());
            }
        }
        return beams.entrySet().stream()
                .max(Comparator.comparingDouble((Map.Entry<Prefix, Scores> e) -> e.getValue().total())
                        .thenComparing(e -> e.getKey().toString(), Comparator.reverseOrder()))
                .orElseThrow().getKey().labels();
    }

    private static void check(float[][] probabilities, int blank) {
        Objects.requireNonNull(probabilities, "probabilities");
        for (int t = 0; t < probabilities.length; t++) {
            if (probabilities[t] == null || blank < 0 || blank >= probabilities[t].length) {
                throw new IllegalArgumentException("probabilities[" + t + "] must have C > blank = " + blank
                        + " classes, got " + (probabilities[t] == null ? "null" : probabilities[t].length));
            }
        }
    }

    /** Log probabilities of a prefix's paths so far: those ending in a blank, those ending in its last label. */
    private record Scores(double blank, double label) {
        double total() {
            return logAdd(blank, label);
        }

        Scores plus(Scores other) {
            return new Scores(logAdd(blank, other.blank), logAdd(label, other.label));
        }
    }

    /** A label sequence, compared by value. */
    private record Prefix(int[] values) {
        static final Prefix EMPTY = new Prefix(new int[0]);

        int last() {
            return values.length == 0 ? -1 : values[values.length - 1];
        }

        Prefix plus(int label) {
            int[] longer = Arrays.copyOf(values, values.length + 1);
            longer[values.length] = label;
            return new Prefix(longer);
        }

        int[] labels() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prefix p && Arrays.equals(values, p.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    private static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double high = Math.max(a, b);
        return high + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
