package org.rnn4j.train;

import java.nio.file.Path;
import java.util.Arrays;

import org.rnn4j.io.CorruptFileException;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.TensorScope;

/**
 * Truncated backpropagation through time as a {@link Chunking}: each update is one chunk of
 * {@link TruncatedBptt}, run from the state carried out of the chunk before it (zeros at the start of
 * every batch). Owns the carried state.
 */
final class TruncatedBpttChunks<B> implements Chunking<B> {
    private final ChunkedModel<B> model;
    private final TruncatedBptt tbptt;
    private final Update<B> update;
    private Carry carry;

    TruncatedBpttChunks(ChunkedModel<B> model, TruncatedBptt tbptt, Update<B> update) {
        this.model = model;
        this.tbptt = tbptt;
        this.update = update;
    }

    @Override
    public StepReport next(B batch, Progress progress) {
        int steps = model.steps(batch);
        int[] lengths = model.lengths(batch);
        if (progress.chunk == 0) {
            closeCarry();
            carry = new Carry(model.recurrentConfig(), lengths.length);
        } else if (carry == null || carry.batch() != lengths.length) {
            throw new IllegalStateException("resuming inside a batch needs the carried state of its " + lengths.length
                    + " sequences");
        }
        int from = progress.chunk, to = tbptt.end(from, steps), split = tbptt.split(from, to);
        StepReport report;
        try (TensorScope scope = TensorScope.open()) {
            Update.Result result = update.run(() -> forward(batch, lengths, from, split, to), progress);
            carry.advance(result.pass().finalState(), lengths, to);
            report = result.report();
        }
        if (to == steps) {
            closeCarry();
            progress.nextBatch();
        } else {
            progress.chunk = to;
        }
        return report;
    }

    /** The forward of chunk [from, to): a gradient-free warm-up over [from, split), then training over [split, to). */
    private TrainingPass forward(B batch, int[] lengths, int from, int split, int to) {
        RnnState initial = carry.state();
        if (split == from) {
            return model.forward(model.slice(batch, from, to), initial);
        }
        Chunkable.Evaluation warmUp = model.evaluate(model.slice(batch, from, split), initial);
        Carry.resetEnded(warmUp.finalState(), model.recurrentConfig(), lengths, split);
        TrainingPass trained = model.forward(model.slice(batch, split, to), warmUp.finalState());
        return new WarmedUpPass(warmUp.loss(), trained);
    }

    @Override
    public Carry carried(Progress progress) {
        return carry != null && progress.chunk > 0 ? carry : null;
    }

    @Override
    public Carry emptyCarry(Path file, long[] savedShape) throws CorruptFileException {
        long sequences = savedShape.length == 4 ? savedShape[2] : -1;
        if (sequences < 1 || sequences > Integer.MAX_VALUE || !Arrays.equals(savedShape,
                RnnState.hiddenShape(model.recurrentConfig(), (int) sequences).dims())) {
            long[] one = RnnState.hiddenShape(model.recurrentConfig(), 1).dims();  // [L, D, 1, S]
            throw new CorruptFileException(file, "tensor 'carry/h'", "the model's [L, D, N, S] = [" + one[0] + ", "
                    + one[1] + ", N, " + one[3] + "]", Arrays.toString(savedShape));
        }
        return new Carry(model.recurrentConfig(), (int) sequences);
    }

    @Override
    public void resumeWith(Carry restored) {
        closeCarry();
        carry = restored;
    }

    private void closeCarry() {
        if (carry != null) {
            carry.close();
            carry = null;
        }
    }

    @Override
    public void close() {
        closeCarry();
    }
}
