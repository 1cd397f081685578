package org.rnn4j.models;

import java.util.Map;

import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.CrossEntropy;
import org.rnn4j.nn.CtcLoss;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.MeanSquaredError;
import org.rnn4j.nn.SequenceContext;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.tensor.Tensor;

/** The objectives of the ready batch types (see {@link Objective}). */
final class Objectives {
    /** Ids above this are not exact in f32, so cannot travel in an input tensor. */
    private static final long LARGEST_EXACT_ID = 1L << 24;

    private Objectives() {
    }

    static final Objective<ClassificationBatch> CLASSIFICATION = new Objective<>() {
        @Override
        public Tensor inputs(ClassificationBatch batch) {
            return batch.sequences().toTensor();                                       // [T, N, F]
        }

        @Override
        public SequenceContext context(ClassificationBatch batch, Propagation propagation) {
            return Objectives.context(batch.sequences(), propagation);
        }

        @Override
        public Objective.Loss loss(Kernels kernels, Tensor output, ClassificationBatch batch) {
            CrossEntropy crossEntropy = new CrossEntropy(kernels);
            CrossEntropy.Pass pass = crossEntropy.forward(output, batch.labels(), null);  // [N, C]
            return new Objective.Loss(pass.loss(), () -> crossEntropy.backward(pass));
        }
    };

    static final Objective<RegressionBatch> REGRESSION = new Objective<>() {
        @Override
        public Tensor inputs(RegressionBatch batch) {
            return batch.sequences().toTensor();                                       // [T, N, F]
        }

        @Override
        public SequenceContext context(RegressionBatch batch, Propagation propagation) {
            return Objectives.context(batch.sequences(), propagation);
        }

        @Override
        public Objective.Loss loss(Kernels kernels, Tensor output, RegressionBatch batch) {
            MeanSquaredError mse = new MeanSquaredError(kernels);
            Tensor target = Tensor.of(batch.targets(), batch.sequences().batch(), batch.outputs());   // [N, K]
            MeanSquaredError.Pass pass = mse.forward(output, target, null);
            return new Objective.Loss(pass.loss(), () -> mse.backward(pass));
        }
    };

    static final Objective<TaggedBatch> TAGGING = new Objective<>() {
        @Override
        public Tensor inputs(TaggedBatch batch) {
            return batch.toTensor();                                                   // [T, N, F]
        }

        @Override
        public SequenceContext context(TaggedBatch batch, Propagation propagation) {
            return new SequenceContext(batch.engineLengths(), propagation, Map.of());
        }

        @Override
        public Objective.Loss loss(Kernels kernels, Tensor output, TaggedBatch batch) {
            CrossEntropy crossEntropy = new CrossEntropy(kernels);
            CrossEntropy.Pass pass = crossEntropy.forward(output, batch.tags(), batch.mask());  // [T, N, C]
            return new Objective.Loss(pass.loss(), () -> crossEntropy.backward(pass));
        }
    };

    static final Objective<TokenBatch> NEXT_TOKEN = new Objective<>() {
        @Override
        public Tensor inputs(TokenBatch batch) {
            return ids(batch.inputs(), batch.steps(), batch.batch());                 // [T, N]
        }

        @Override
        public SequenceContext context(TokenBatch batch, Propagation propagation) {
            return new SequenceContext(batch.engineLengths(), propagation, Map.of());
        }

        @Override
        public Objective.Loss loss(Kernels kernels, Tensor output, TokenBatch batch) {
            CrossEntropy crossEntropy = new CrossEntropy(kernels);
            CrossEntropy.Pass pass = crossEntropy.forward(output, batch.targets(), batch.mask());  // [T, N, V]
            return new Objective.Loss(pass.loss(), () -> crossEntropy.backward(pass));
        }
    };

    static final Objective<TranscriptionBatch> TRANSCRIPTION = new Objective<>() {
        @Override
        public Tensor inputs(TranscriptionBatch batch) {
            return batch.sequences().toTensor();                                       // [T, N, F]
        }

        @Override
        public SequenceContext context(TranscriptionBatch batch, Propagation propagation) {
            return Objectives.context(batch.sequences(), propagation);
        }

        @Override
        public Objective.Loss loss(Kernels kernels, Tensor output, TranscriptionBatch batch) {
            CtcLoss ctc = new CtcLoss(kernels, CtcLoss.Options.DEFAULT.infinity(CtcInfinity.ZERO));
            CtcLoss.Pass pass = ctc.forward(output, batch.sequences().lengths(), batch.targets());  // [T, N, C]
            return new Objective.Loss(pass.loss(), () -> ctc.backward(pass));
        }
    };

    /** The context of padded sequences: their lengths, or none when all are full. */
    static SequenceContext context(SequenceBatch sequences, Propagation propagation) {
        return new SequenceContext(sequences.isFull() ? null : sequences.lengths(), propagation, Map.of());
    }

    /** Token ids as a tensor of whole numbers of the given shape. */
    static Tensor ids(long[] ids, long... shape) {
        float[] values = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > LARGEST_EXACT_ID) {
                throw new IllegalArgumentException("ids[" + i + "] must be in [0, 2^24], got " + ids[i]);
            }
            values[i] = ids[i];
        }
        return Tensor.of(values, shape);
    }
}
