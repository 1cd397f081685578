package org.rnn4j.models;

import org.rnn4j.NativeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.optim.Adam;

/**
 * Models own their memory: one made or loaded inside a scope works after the scope closes, and
 * inference outside any scope leaves the native bytes flat.
 */
class ModelMemoryTest {
    private static final int CALLS = 200;

    @TempDir
    Path dir;

    @Test
    void aModelMadeInsideAScopeTrainsAndInfersAfterItCloses() {
        List<TokenBatch> train = Tasks.pattern(new Random(1), 2, 4, 8);
        LanguageModel model;
        Seq2Seq seq2seq;
        try (TensorScope scope = TensorScope.open()) {
            model = LanguageModel.builder(3).embedding(4).recurrent(Recurrent.lstm(8)).backend(Backend.NATIVE).build();
            seq2seq = Seq2Seq.builder(3, 4).embedding(3).recurrent(Recurrent.gru(4)).bos(0).eos(1)
                    .backend(Backend.NATIVE).build();
        }
        try (model; seq2seq; Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2))
                .truncatedBptt(4).build()) {
            trainer.fit(train, null, Epochs.of(2));
            assertTrue(Double.isFinite(model.evaluate(train.get(0)).mean()));
            assertEquals(3, model.generate(new int[] {0}, 3, 0, 0, 1).length);
            assertEquals(2, model.logits(new int[] {0, 1}).length);
            Seq2SeqBatch pairs = Seq2SeqBatch.of(List.of(new int[] {1, 2}), List.of(new int[] {2, 3}), 0, 1);
            assertTrue(Double.isFinite(seq2seq.evaluate(pairs).mean()));
            assertTrue(seq2seq.beamSearch(new int[] {1, 2}, 2, 4).length <= 4);
        }
    }

    @Test
    void aModelLoadedInsideAScopeWorksAfterItCloses() throws IOException {
        SequenceBatch x = SequenceBatch.of(Tasks.sequences(new Random(2), 3, 2, 5, 2));
        try (SequenceClassifier saved = SequenceClassifier.builder(2, 3).recurrent(Recurrent.lstm(4)).seed(4)
                .backend(Backend.NATIVE).build();
             OneToMany decoder = OneToMany.builder(2, 4).embedding(3).recurrent(Recurrent.lstm(4)).bos(0).eos(1)
                     .backend(Backend.NATIVE).build()) {
            saved.save(dir.resolve("classifier"));
            decoder.save(dir.resolve("decoder"));
            SequenceClassifier loaded;
            Model<?> loadedDecoder;
            try (TensorScope scope = TensorScope.open()) {
                loaded = SequenceClassifier.load(dir.resolve("classifier"), Backend.NATIVE);
                loadedDecoder = Models.load(dir.resolve("decoder"), Backend.NATIVE);
            }
            try (loaded; loadedDecoder) {
                assertArrayEquals(saved.logits(x), loaded.logits(x));
                ClassificationBatch labelled = new ClassificationBatch(x, new long[] {0, 1, 2});
                try (Trainer<ClassificationBatch> trainer = Trainer.builder(loaded).build()) {
                    trainer.fit(List.of(labelled), null, Epochs.of(1));
                }
                assertEquals(3, loaded.predict(x).length);
                OneToMany generator = (OneToMany) loadedDecoder;
                assertArrayEquals(decoder.generate(new float[] {1, 0}, 4, 0, 0, 0),
                        generator.generate(new float[] {1, 0}, 4, 0, 0, 0));
            }
        }
    }

    @Test
    void inferenceOutsideAnyScopeLeavesNativeBytesFlat() {
        Random random = new Random(3);
        TokenBatch tokens = Tasks.pattern(random, 1, 3, 6).get(0);
        SequenceBatch x = SequenceBatch.of(Tasks.sequences(random, 3, 2, 5, 2));
        ClassificationBatch labelled = new ClassificationBatch(x, new long[] {0, 1, 1});
        RegressionBatch valued = new RegressionBatch(x, new float[] {1, -1, 0.5f});
        TaggedBatch tagged = TaggedBatch.of(List.of(new float[][] {{1, 0}, {0, 1}, {1, 1}}, new float[][] {{0, 0}}),
                List.of(new int[] {0, 1, 1}, new int[] {1}));
        OneToManyBatch generated = OneToManyBatch.of(new float[][] {{1, 0}, {0, 1}}, List.of(new int[] {2, 3},
                new int[] {3}), 0, 1);
        Seq2SeqBatch pairs = Seq2SeqBatch.of(List.of(new int[] {1, 2}, new int[] {2}), List.of(new int[] {2, 3},
                new int[] {3}), 0, 1);
        try (LanguageModel lm = LanguageModel.builder(3).embedding(4).recurrent(Recurrent.lstm(6))
                .backend(Backend.NATIVE).build();
             SequenceClassifier classifier = SequenceClassifier.builder(2, 2).recurrent(Recurrent.gru(4))
                     .backend(Backend.NATIVE).build();
             SequenceRegressor regressor = SequenceRegressor.builder(2, 1).recurrent(Recurrent.rnn(4))
                     .pooling(Pooling.MEAN).backend(Backend.NATIVE).build();
             SequenceTagger tagger = SequenceTagger.builder(2, 2).recurrent(Recurrent.lstm(4)).backend(Backend.NATIVE)
                     .build();
             OneToMany oneToMany = OneToMany.builder(2, 4).embedding(3).recurrent(Recurrent.gru(4)).bos(0).eos(1)
                     .backend(Backend.NATIVE).build();
             Seq2Seq seq2seq = Seq2Seq.builder(3, 4).embedding(3).recurrent(Recurrent.lstm(4)).bos(0).eos(1)
                     .backend(Backend.NATIVE).build();
             ModelStream stream = lm.stream(2)) {
            Runnable everyCall = () -> {
                lm.evaluate(tokens);
                lm.logits(new int[] {0, 1, 2});
                lm.generate(new int[] {0}, 2, 1.0, 0, 5);
                stream.step(new int[] {0, 1});
                classifier.evaluate(labelled);
                classifier.probabilities(x);
                classifier.predict(x);
                regressor.evaluate(valued);
                regressor.predict(x);
                tagger.evaluate(tagged);
                tagger.predict(tagged);
                tagger.probabilities(x);
                oneToMany.evaluate(generated);
                oneToMany.generate(new float[] {1, 0}, 3, 0, 0, 0);
                seq2seq.evaluate(pairs);
                seq2seq.beamSearch(new int[] {1, 2}, 2, 3);
                try (ModelStream decoding = seq2seq.stream(List.of(new int[] {1, 2}));
                     ModelStream tagging = tagger.stream(1)) {
                    decoding.step(new int[] {0});
                    tagging.step(new float[][] {{1, 0}});
                }
            };
            for (int i = 0; i < 5; i++) {
                everyCall.run();                                      // warm-up: lazily made kernels and caches
            }
            long before = NativeBytes.held();
            for (int i = 0; i < CALLS; i++) {
                everyCall.run();
            }
            NativeBytes.assertNoMoreThan(before, "native bytes held after " + CALLS + " rounds of inference");
        }
    }
}
