/**
 * Models: every one is a {@link org.rnn4j.models.Model} (kind, config record, named parameters,
 * backend, training forward and backward, inference loss, save, close) that owns its tensors. They are
 * saved as {@code model.safetensors} plus {@code config.json} with provenance by one path
 * ({@code model.save(dir)}) and loaded by one registry ({@link org.rnn4j.models.Models#load}, or
 * {@code LanguageModel.load(dir)} and the like for a known kind). A user composes a model from
 * {@link org.rnn4j.nn.Sequential} blocks and an {@link org.rnn4j.models.Objective} in a
 * {@link org.rnn4j.models.ComposedModel}; the ready models below are built the same way
 * ({@link org.rnn4j.models.SequentialModel}), the decoders from the same blocks with their own step
 * logic. Every model with a recurrent part reading left to right streams step by step
 * ({@code model.stream(n)}, an {@link org.rnn4j.infer.ModelStream}). The ready models:
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
