package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Trainable;
import org.rnn4j.train.TrainingPass;

/**
 * Each model's training forward and backward give the same loss and parameter gradients on the native
 * and the pure-JVM backend (relative max-norm error ≤ 1e-4: f32 kernels against double references).
 */
class BackendsAgreeTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void languageModel() {
        TokenBatch batch = TokenBatch.nextToken(List.of(new int[] {1, 2, 3, 4, 0}, new int[] {2, 2, 1}));
        agree(backend -> LanguageModel.builder(5).embedding(3).recurrent(Recurrent.lstm(4).layers(2).dropout(0.3))
                .seed(1).backend(backend).build(), batch);
    }

    @Test
    void classifierWithMeanPooling() {
        ClassificationBatch batch = new ClassificationBatch(
                SequenceBatch.of(Tasks.sequences(new Random(2), 3, 1, 4, 2)), new long[] {0, 2, 1});
        agree(backend -> SequenceClassifier.builder(2, 3).recurrent(Recurrent.gru(4).bidirectional())
                .pooling(Pooling.MEAN).seed(2).backend(backend).build(), batch);
    }

    @Test
    void oneToMany() {
        OneToManyBatch batch = OneToManyBatch.of(new float[][] {{1, 0}, {0.5f, -1}},
                List.of(new int[] {2, 3}, new int[] {4}), 0, 1);
        agree(backend -> OneToMany.builder(2, 5).embedding(3).recurrent(Recurrent.lstm(4).layers(2)).seed(3)
                .backend(backend).build(), batch);
    }

    @Test
    void seq2seq() {
        Seq2SeqBatch batch = Seq2SeqBatch.of(List.of(new int[] {2, 3, 4}, new int[] {3}),
                List.of(new int[] {4, 3}, new int[] {2, 2, 2}), 0, 1);
        agree(backend -> Seq2Seq.builder(5, 5).embedding(3).recurrent(Recurrent.rnn(4)).seed(4).backend(backend)
                .build(), batch);
    }

    private static <B, M extends Trainable<B> & AutoCloseable> void agree(Function<Backend, M> build, B batch) {
        try (TensorScope scope = TensorScope.open()) {
            M nat = build.apply(Backend.NATIVE);
            M jvm = build.apply(Backend.JVM);
            try {
                double lossNative = step(nat, batch), lossJvm = step(jvm, batch);
                assertEquals(lossJvm, lossNative, TOLERANCE * Math.max(1, Math.abs(lossJvm)), "loss");
                List<Parameter> pn = nat.parameters(), pj = jvm.parameters();
                for (int i = 0; i < pn.size(); i++) {
                    assertClose(pj.get(i).name(), pj.get(i).gradient().toFloatArray(),
                            pn.get(i).gradient().toFloatArray());
                }
            } finally {
                close(nat);
                close(jvm);
            }
        }
    }

    private static <B> double step(Trainable<B> model, B batch) {
        model.seed(7);
        TrainingPass pass = model.forward(batch);
        Parameters.zeroGradients(model.parameters());
        pass.backward();
        return pass.loss().mean();
    }

    private static void assertClose(String name, float[] expected, float[] actual) {
        double scale = 1e-6, error = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(expected[i] - actual[i]));
        }
        if (error > TOLERANCE * scale) {
            fail(name + ": max error " + error + " > " + TOLERANCE + " · max " + scale);
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
