/**
 * Optimizers as small immutable configs over the fused updates of {@code org.rnn4j.backend.onednn}
 * ({@link org.rnn4j.train.optim.Sgd} with classic or Nesterov momentum, {@link org.rnn4j.train.optim.Adam},
 * {@link org.rnn4j.train.optim.AdamW}, {@link org.rnn4j.train.optim.RmsProp}), the
 * {@link org.rnn4j.train.optim.Optimizer} that holds their per-parameter state, and composable
 * learning-rate {@link org.rnn4j.train.optim.Schedule}s (step, cosine, linear warm-up).
 */
package org.rnn4j.train.optim;
