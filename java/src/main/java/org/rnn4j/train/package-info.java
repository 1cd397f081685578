/**
 * Training: {@link org.rnn4j.train.Trainer} runs forward → zero grads → backward → clip → step over
 * the batches of a {@link org.rnn4j.train.Trainable}, with full or truncated BPTT
 * ({@link org.rnn4j.train.TruncatedBptt} documents the exact semantics), gradient
 * {@link org.rnn4j.train.Clipping}, validation after every epoch or every N updates
 * ({@link org.rnn4j.train.ValidationSchedule}) with {@link org.rnn4j.train.EarlyStopping} (which can
 * restore the best weights), limits on epochs, updates and wall-clock time ({@link org.rnn4j.train.Epochs}),
 * built-in {@link org.rnn4j.train.Metric}s (accuracy, perplexity, bits per character), listeners
 * ({@link org.rnn4j.train.ProgressBarListener}, {@link org.rnn4j.train.MetricsLog},
 * {@link org.rnn4j.train.CheckpointListener}), and atomic {@link org.rnn4j.train.Checkpoints} from which
 * {@link org.rnn4j.train.Trainer#resume} continues the same trajectory, starting a
 * {@link org.rnn4j.train.Dataset}'s epoch at its next batch. Optimizer hyper-parameters are in
 * {@code org.rnn4j.optim}, the optimizer and learning-rate schedules in {@code org.rnn4j.train.optim}.
 *
 * <pre>{@code
 * try (Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(2e-3)).clipNorm(5.0)
 *         .truncatedBptt(100).metrics(Metric.PERPLEXITY, Metric.BITS_PER_CHARACTER)
 *         .validateEvery(ValidationSchedule.everySteps(500))
 *         .earlyStopping(EarlyStopping.patience(5).restoreBestWeights())
 *         .progressBar().checkpoints(Checkpoints.every(dir, 1000)).build()) {
 *     TrainingSummary summary = trainer.fit(train, validation, Epochs.of(10).maxTime(Duration.ofHours(1)));
 *     System.out.println(summary.stopReason() + ", best validation " + summary.bestValidation());
 * }
 * }</pre>
 */
package org.rnn4j.train;
