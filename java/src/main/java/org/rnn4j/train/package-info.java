/**
 * Training: {@link org.rnn4j.train.Trainer} runs forward → zero grads → backward → clip → step over
 * the batches of a {@link org.rnn4j.train.Trainable}, with full or truncated BPTT
 * ({@link org.rnn4j.train.TruncatedBptt} documents the exact semantics), gradient
 * {@link org.rnn4j.train.Clipping}, validation and {@link org.rnn4j.train.EarlyStopping}, listeners
 * ({@link org.rnn4j.train.ProgressBarListener}, {@link org.rnn4j.train.MetricsLog}) and atomic
 * {@link org.rnn4j.train.Checkpoints} from which {@link org.rnn4j.train.Trainer#resume} continues the
 * same trajectory. Optimizer hyper-parameters are in {@code org.rnn4j.optim}, the optimizer and learning-rate schedules in {@code org.rnn4j.train.optim}.
 */
package org.rnn4j.train;
