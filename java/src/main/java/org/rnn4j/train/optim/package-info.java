/**
 * The {@link org.rnn4j.train.optim.Optimizer} that applies an {@code org.rnn4j.optim} config to a model's
 * parameters and holds their per-parameter state, and composable learning-rate
 * {@link org.rnn4j.train.optim.Schedule}s (step, cosine, linear warm-up).
 */
package org.rnn4j.train.optim;
