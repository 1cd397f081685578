package org.rnn4j.train;

import java.util.List;
import java.util.function.Supplier;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.optim.Optimizer;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.train.optim.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One update of a model's parameters: forward → zero grads → backward → clip → step, with the scheduled
 * learning rate; an update whose gradient norm is not finite, or that would write a non-finite value into a
 * parameter or its optimizer state, is skipped (and logged); the {@link Divergence} guard judges every update's
 * loss and gradient norm. A pass made where its forward ran ({@link AppliedPass}) is neither clipped nor
 * stepped: its backward installs it, its norm is reported. Owns the optimizer and its state; close it to
 * release them.
 */
final class Update<B> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Update.class);

    private final Trainable<B> model;
    private final List<Parameter> parameters;
    private final List<Tensor> gradients;
    private final Kernels kernels;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final Clipping clipping;
    private final Seeds seeds;
    private final List<Metric> metrics;
    private final DivergenceWatch divergence;

    /** The forward's pass (for the state truncated BPTT carries) and the update's report. */
    record Result(TrainingPass pass, StepReport report) {
    }

    Update(Trainable<B> model, OptimizerConfig optimizerConfig, Schedule schedule, Clipping clipping, Seeds seeds,
           List<Metric> metrics, Divergence divergence) {
        this.model = model;
        this.parameters = List.copyOf(model.parameters());
        this.gradients = Parameters.gradients(parameters);
        this.kernels = Kernels.of(model.backend());
        this.optimizer = new Optimizer(optimizerConfig, parameters, kernels);
        this.schedule = schedule;
        this.clipping = clipping;
        this.seeds = seeds;
        this.metrics = List.copyOf(metrics);
        this.divergence = new DivergenceWatch(divergence);
    }

    Trainable<B> model() {
        return model;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    DivergenceWatch divergence() {
        return divergence;
    }

    /**
     * Runs one update over what {@code forward} computes (a batch or a chunk), counting it in
     * {@code progress.step}; the report names the batch of {@code progress}'s position.
     */
    Result run(Supplier<TrainingPass> forward, Progress progress) {
        long start = System.nanoTime();
        model.seed(seeds.next());
        TrainingPass pass = forward.get();                                        // forward
        Parameters.zeroGradients(parameters);                                     // zero grads
        pass.backward();                                                          // backward
        double rate = optimizer.config().learningRate() * schedule.factor(progress.step);
        boolean applied = pass instanceof AppliedPass;                            // made where it ran
        double norm = applied ? ((AppliedPass) pass).gradientNorm()
                : clipping.apply(kernels, gradients);                             // clip
        boolean skipped = !Double.isFinite(norm);
        if (applied) {
            LOG.debug("update {} was made where its forward ran (gradient norm {})", progress.step + 1, norm);
        } else if (skipped) {
            LOG.warn("update {} skipped: the gradient norm is {}", progress.step + 1, norm);
        } else {
            Optimizer.Outcome outcome = optimizer.step(rate);                     // step
            skipped = !outcome.applied();
            if (skipped) {
                LOG.warn("update {} skipped: it would write a non-finite value into {} (gradient norm {}, "
                        + "learning rate {})", progress.step + 1, outcome.nonFiniteParameter(), norm, rate);
            }
        }
        progress.step++;
        boolean diverged = divergence.judge(progress.step, pass.loss().mean(), norm);
        StepReport report = new StepReport(progress.step, progress.epoch, progress.batch, pass.loss(), rate, norm,
                skipped, diverged, (System.nanoTime() - start) / 1e9, metrics);
        return new Result(pass, report);
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
