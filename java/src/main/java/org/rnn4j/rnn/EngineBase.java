package org.rnn4j.rnn;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Tensor;

/**
 * What every {@link RnnEngine} does around its math: argument checks, dropout seeds, lifecycle, and
 * the rules for threads. Inference forwards may run from any number of threads at once (the engines
 * keep no per-call state in the instance). Training calls (a training forward, a backward) never
 * overlap: one that finds another in progress on another thread throws {@link IllegalStateException}.
 * {@link #close()} waits for the calls in progress and then frees the engine; later calls throw
 * {@link IllegalStateException}.
 */
abstract class EngineBase implements RnnEngine {
    final RnnConfig config;
    private final DropoutSeeds seeds = new DropoutSeeds();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();  // calls share it; close takes it alone
    private final AtomicReference<Thread> trainer = new AtomicReference<>();  // the thread in a training call
    private boolean closed;  // guarded by lifecycle

    EngineBase(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public final RnnConfig config() {
        return config;
    }

    @Override
    public final RnnForward forward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
                                    RnnState initial, FinalStates finalStates) {
        int[] tn = RnnChecks.forward(config, propagation, weights, input, lengths, initial);
        Objects.requireNonNull(finalStates, "finalStates");
        RnnForward fwd = propagation != Propagation.TRAINING
                ? whileOpen(() -> runForward(propagation, weights, input, lengths, initial, tn[0], tn[1], 0, finalStates))
                : whileOpen(() -> training(() -> runForward(propagation, weights, input, lengths, initial, tn[0], tn[1],
                        seeds.next(), finalStates)));
        fwd.finalStates = finalStates;
        return fwd;
    }

    /**
     * The math of a checked forward; {@code dropoutSeed} seeds this pass's masks between layers; with
     * {@link FinalStates#NONE} the final state need not be computed (the forward hides it).
     */
    abstract RnnForward runForward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
                                   RnnState initial, int steps, int batch, long dropoutSeed, FinalStates finalStates);

    @Override
    public final RnnBackward backward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                                      RnnWeights weightGradients, GradientMode mode) {
        RnnChecks.backward(config, fwd, outputGradient, finalStateGradient, weightGradients, mode);
        if (fwd.engine != this) {
            throw new IllegalArgumentException("forward must come from this engine (" + backend() + ", " + config + ")");
        }
        if (finalStateGradient != null && fwd.finalStates == FinalStates.NONE) {
            throw new IllegalStateException("finalStateGradient must be null: the forward ran with FinalStates.NONE"
                    + " (outputs only) and computed no final state; run it with FinalStates.COMPUTED to train"
                    + " through h_n");
        }
        return whileOpen(() -> training(() -> runBackward(fwd, outputGradient, finalStateGradient, weightGradients,
                mode)));
    }

    /** The math of a checked backward. */
    abstract RnnBackward runBackward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                                     RnnWeights weightGradients, GradientMode mode);

    @Override
    public final void seed(long seed) {
        seeds.reset(seed);
    }

    /** Runs a call unless the engine is closed; close() waits until it ends. */
    final <T> T whileOpen(Supplier<T> call) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return call.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Runs a training call, refusing it while another thread is in one. */
    private <T> T training(Supplier<T> call) {
        Thread self = Thread.currentThread();
        if (!trainer.compareAndSet(null, self)) {
            Thread other = trainer.get();
            throw new IllegalStateException(backend() + " engine for " + config + " is already in a training call on "
                    + (other == null ? "another thread" : "thread '" + other.getName() + "'")
                    + ": train one model from one thread at a time (inference may be shared)");
        }
        try {
            return call.get();
        } finally {
            trainer.set(null);
        }
    }

    /** Throws unless open; call it with the lifecycle lock held (as {@link #whileOpen} does). */
    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(backend() + " engine for " + config + " is closed");
        }
    }

    @Override
    public final void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                release();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Frees what the engine holds (called once). */
    abstract void release();
}
