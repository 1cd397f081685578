package org.rnn4j.train;

import java.util.ArrayList;
import java.util.List;

import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;

/**
 * A {@link Chunkable} without math: its state h [1, 1, N, 1] counts the real steps each sequence has
 * read, and it records every forward and evaluation the trainer asks for, so tests can check exactly
 * which slices ran from which carried state.
 */
final class CountingModel implements Chunkable<TokenBatch> {
    private static final RnnConfig CONFIG = RnnConfig.builder(CellKind.RNN_TANH, 1, 1).build();

    /** One call: "train" or "eval", the slice's lengths and the initial counts it started from. */
    record Call(String kind, List<Integer> lengths, List<Float> initial) {
    }

    final List<Call> calls = new ArrayList<>();
    private final Parameter weight = new Parameter("count.weight", Tensor.zeros(1), Tensor.zeros(1));
    private double validationLoss = 1;

    /** The loss {@link #evaluate(TokenBatch)} reports (for early stopping). */
    void validationLoss(double loss) {
        validationLoss = loss;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public Backend backend() {
        return Backend.JVM;
    }

    @Override
    public void seed(long seed) {
    }

    @Override
    public TrainingPass forward(TokenBatch batch) {
        return forward(batch, null);
    }

    @Override
    public LossValue evaluate(TokenBatch batch) {
        return new LossValue(validationLoss, batch.batch());
    }

    @Override
    public TrainingPass forward(TokenBatch batch, RnnState initial) {
        RnnState last = advance("train", batch, initial);
        int real = 0;
        for (int l : batch.lengths()) {
            real += l;
        }
        LossValue loss = new LossValue(1, real);
        return new TrainingPass() {
            @Override
            public LossValue loss() {
                return loss;
            }

            @Override
            public void backward() {
                weight.gradient().set(0, weight.gradient().get(0) + 1);
            }

            @Override
            public RnnState finalState() {
                return last;
            }
        };
    }

    @Override
    public Evaluation evaluate(TokenBatch batch, RnnState initial) {
        return new Evaluation(LossValue.NONE, advance("eval", batch, initial));
    }

    private RnnState advance(String kind, TokenBatch batch, RnnState initial) {
        int[] lengths = batch.lengths();
        float[] counts = initial == null ? new float[lengths.length] : initial.h().toFloatArray();
        List<Float> before = new ArrayList<>();
        List<Integer> len = new ArrayList<>();
        for (int n = 0; n < lengths.length; n++) {
            before.add(counts[n]);
            len.add(lengths[n]);
            counts[n] += lengths[n];
        }
        calls.add(new Call(kind, len, before));
        return new RnnState(Tensor.of(counts, 1, 1, lengths.length, 1), null);
    }

    @Override
    public RnnConfig recurrentConfig() {
        return CONFIG;
    }
}
