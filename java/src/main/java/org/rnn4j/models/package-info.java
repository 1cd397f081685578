/**
 * Ready models, each a class with a small builder, a training forward and backward
 * ({@link org.rnn4j.train.Trainable}) and inference, saved as {@code model.safetensors} plus
 * {@code config.json} with provenance:
 * <ul>
 *   <li>many-to-many aligned: {@link org.rnn4j.models.LanguageModel} (tokens, next-token loss,
 *       generation) and {@link org.rnn4j.models.SequenceTagger} (features, a tag per step);</li>
 *   <li>many-to-one (one-to-one with T = 1): {@link org.rnn4j.models.SequenceClassifier} and
 *       {@link org.rnn4j.models.SequenceRegressor}, from the final state or mean-pooled;</li>
 *   <li>one-to-many: {@link org.rnn4j.models.OneToMany}, a vector seeding a token decoder;</li>
 *   <li>encoder–decoder: {@link org.rnn4j.models.Seq2Seq}, with greedy, sampled and beam-search
 *       decoding.</li>
 * </ul>
 * Batches are time-major with per-sequence lengths: {@link org.rnn4j.models.TokenBatch},
 * {@link org.rnn4j.models.TaggedBatch}, {@link org.rnn4j.models.ClassificationBatch},
 * {@link org.rnn4j.models.RegressionBatch}, {@link org.rnn4j.models.OneToManyBatch},
 * {@link org.rnn4j.models.Seq2SeqBatch}.
 */
package org.rnn4j.models;
