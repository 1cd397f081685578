package org.rnn4j.train.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * Applies an {@link OptimizerConfig} to a list of parameters with the fused update of its {@link Kernels}:
 * owns one state tensor per parameter and state name (zeros at first), and counts updates. An update that
 * would leave a non-finite value in a parameter or its state is undone: before each parameter's fused update
 * its value and state are copied aside (one copy of the parameters and state, kept for the optimizer's
 * life); after it they are checked, and at the first non-finite value every parameter already updated is
 * restored and the update is not counted ({@link Outcome#applied()} false). Close it to release the state.
 */
public final class Optimizer implements AutoCloseable {
    private final OptimizerConfig config;
    private final List<Parameter> parameters;
    private final Kernels kernels;
    private final List<List<Tensor>> state = new ArrayList<>();
    private final TensorArena arena = new TensorArena();
    /** Per parameter: a copy of its value then of each state tensor, taken before its update (allocated at the first step). */
    private final List<List<Tensor>> backups = new ArrayList<>();
    private final TensorArena backupArena = new TensorArena();
    private long steps;

    /**
     * What a {@link #step} did.
     *
     * @param nonFiniteParameter null when the update was applied, else the name of the first parameter whose
     *                           update would have left a NaN or infinity in its value or state
     */
    public record Outcome(String nonFiniteParameter) {
        /** An update applied to every parameter. */
        public static final Outcome APPLIED = new Outcome(null);

        /** Whether the update was applied (every parameter and state finite afterwards). */
        public boolean applied() {
            return nonFiniteParameter == null;
        }
    }

    /** An optimizer of {@code parameters} on {@code kernels}, with zero state. */
    public Optimizer(OptimizerConfig config, List<Parameter> parameters, Kernels kernels) {
        this.config = Objects.requireNonNull(config, "config");
        this.parameters = List.copyOf(parameters);
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        for (Parameter p : this.parameters) {
            List<Tensor> tensors = new ArrayList<>();
            for (int i = 0; i < config.stateNames().size(); i++) {
                tensors.add(arena.zeros(p.shape()));
            }
            state.add(List.copyOf(tensors));
        }
    }

    /** The hyper-parameters (at the base learning rate). */
    public OptimizerConfig config() {
        return config;
    }

    /** Updates made so far. */
    public long steps() {
        return steps;
    }

    /**
     * Updates every parameter from its gradient at {@code learningRate} (the scheduled rate), unless the update
     * would leave a non-finite value in a parameter or its state: then every parameter and state is left as it
     * was, the update is not counted, and the outcome names the parameter.
     */
    public Outcome step(double learningRate) {
        steps++;
        OptimizerConfig scheduled = config.learningRate(learningRate);
        for (int i = 0; i < parameters.size(); i++) {
            List<Tensor> touched = touched(i);
            List<Tensor> backup = backup(i);
            for (int k = 0; k < touched.size(); k++) {
                backup.get(k).copyFrom(touched.get(k));
            }
            update(scheduled, parameters.get(i), state.get(i));
            if (!kernels.allFinite(touched)) {
                for (int j = 0; j <= i; j++) {
                    restore(j);
                }
                steps--;
                return new Outcome(parameters.get(i).name());
            }
        }
        return Outcome.APPLIED;
    }

    /** Parameter i's value, then its state tensors: what its fused update writes. */
    private List<Tensor> touched(int i) {
        List<Tensor> out = new ArrayList<>(1 + state.get(i).size());
        out.add(parameters.get(i).value());
        out.addAll(state.get(i));
        return out;
    }

    private List<Tensor> backup(int i) {
        while (backups.size() <= i) {
            List<Tensor> copies = new ArrayList<>();
            for (Tensor t : touched(backups.size())) {
                copies.add(backupArena.zeros(t.shape()));
            }
            backups.add(List.copyOf(copies));
        }
        return backups.get(i);
    }

    private void restore(int i) {
        List<Tensor> touched = touched(i);
        for (int k = 0; k < touched.size(); k++) {
            touched.get(k).copyFrom(backups.get(i).get(k));
        }
    }

    private void update(OptimizerConfig scheduled, Parameter p, List<Tensor> s) {
        if (scheduled instanceof Sgd sgd) {
            kernels.sgd(sgd, p.value(), p.gradient(), sgd.hasMomentum() ? s.get(0) : null);
        } else if (scheduled instanceof Adam adam) {
            kernels.adam(adam, steps, p.value(), p.gradient(), s.get(0), s.get(1));
        } else if (scheduled instanceof AdamW adamW) {
            kernels.adamW(adamW, steps, p.value(), p.gradient(), s.get(0), s.get(1));
        } else if (scheduled instanceof RmsProp rmsProp) {
            kernels.rmsProp(rmsProp, p.value(), p.gradient(), s.get(0), rmsProp.hasMomentum() ? s.get(1) : null);
        } else {
            throw new IllegalStateException("no update for optimizer " + scheduled);
        }
    }

    /** The state tensors by {@code <parameter>.<state>} name, e.g. {@code head.weight.exp_avg}; live views. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            for (int k = 0; k < config.stateNames().size(); k++) {
                out.put(parameters.get(i).name() + "." + config.stateNames().get(k), state.get(i).get(k));
            }
        }
        return out;
    }

    /** Sets the update count, e.g. when resuming (the state tensors are loaded through {@link #state()}). */
    public void restoreSteps(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + count);
        }
        this.steps = count;
    }

    @Override
    public void close() {
        arena.close();
        backupArena.close();
    }
}
