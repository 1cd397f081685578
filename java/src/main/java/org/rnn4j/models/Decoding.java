package org.rnn4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.rnn4j.infer.Sampling;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.TensorScope;

/** Step-by-step decoding with a {@link Decoder} from one initial state: sampling, greedy and beam search. */
final class Decoding {
    private Decoding() {
    }

    /**
     * Feeds bos, then each chosen token, until eos or {@code maxLength} tokens; returns them without eos.
     * temperature 0 picks the likeliest token, else samples from softmax(logits / temperature) over the
     * {@code topK} likeliest (≤ 0: all).
     */
    static int[] sample(Decoder decoder, RnnState initial, int bos, int eos, int maxLength, double temperature,
                        int topK, Random random) {
        checkLength(maxLength);
        List<Integer> out = new ArrayList<>();
        try (TensorScope scope = TensorScope.open()) {
            RnnState state = initial;
            long token = bos;
            for (int t = 0; t < maxLength; t++) {
                Decoder.Step step = decoder.step(new long[] {token}, state);
                int next = temperature == 0 ? Sampling.greedy(step.logits())
                        : Sampling.sample(step.logits(), temperature, topK, random);
                if (next == eos) {
                    break;
                }
                out.add(next);
                token = next;
                state = step.state();
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A partial hypothesis: its tokens, summed log-probability, whether it ended, and its row in the state. */
    private record Hypothesis(int[] tokens, double score, boolean finished, int row) {
    }

    /**
     * Beam search of width {@code width}: each step extends every unfinished hypothesis by every token,
     * keeps the {@code width} best by summed log-probability (finished ones compete as they are), and
     * stops when all kept ones have ended in eos or after {@code maxLength} steps. Returns the best
     * finished hypothesis (or the best one, if none finished), without eos.
     */
    static int[] beamSearch(Decoder decoder, RnnState initial, int bos, int eos, int width, int maxLength) {
        checkLength(maxLength);
        if (width <= 0) {
            throw new IllegalArgumentException("beam width must be > 0, got " + width);
        }
        List<Hypothesis> beams = List.of(new Hypothesis(new int[0], 0, false, 0));
        try (TensorScope scope = TensorScope.open()) {
            RnnState state = initial;                                                // [L, 1, B, S]
            for (int t = 0; t < maxLength && beams.stream().anyMatch(b -> !b.finished()); t++) {
                List<Hypothesis> active = beams.stream().filter(b -> !b.finished()).toList();
                long[] last = new long[active.size()];
                int[] rows = new int[active.size()];
                for (int i = 0; i < last.length; i++) {
                    int[] tokens = active.get(i).tokens();
                    last[i] = tokens.length == 0 ? bos : tokens[tokens.length - 1];
                    rows[i] = active.get(i).row();
                }
                Decoder.Step step = decoder.step(last, States.select(state, rows));  // logits [B, V]
                int vocabulary = step.logits().length / last.length;
                List<Hypothesis> candidates = new ArrayList<>(beams.stream().filter(Hypothesis::finished).toList());
                for (int i = 0; i < active.size(); i++) {
                    double[] logProbabilities = logSoftmax(step.logits(), i * vocabulary, vocabulary);
                    for (int v = 0; v < vocabulary; v++) {
                        int[] tokens = Arrays.copyOf(active.get(i).tokens(), active.get(i).tokens().length + 1);
                        tokens[tokens.length - 1] = v;
                        candidates.add(new Hypothesis(tokens, active.get(i).score() + logProbabilities[v], v == eos, i));
                    }
                }
                candidates.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
                beams = List.copyOf(candidates.subList(0, Math.min(width, candidates.size())));
                state = step.state();
            }
        }
        Hypothesis best = beams.stream().filter(Hypothesis::finished).findFirst().orElse(beams.get(0));
        int[] tokens = best.tokens();
        return best.finished() ? Arrays.copyOf(tokens, tokens.length - 1) : tokens;
    }

    private static double[] logSoftmax(float[] logits, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < count; v++) {
            max = Math.max(max, logits[from + v]);
        }
        double sum = 0;
        for (int v = 0; v < count; v++) {
            sum += Math.exp(logits[from + v] - max);
        }
        double logSum = max + Math.log(sum);
        double[] out = new double[count];
        for (int v = 0; v < count; v++) {
            out[v] = logits[from + v] - logSum;
        }
        return out;
    }

    private static void checkLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
        }
    }
}
