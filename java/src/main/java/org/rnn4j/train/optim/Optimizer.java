package org.rnn4j.train.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * Applies an {@link OptimizerConfig} to a list of parameters: owns one state tensor per parameter
 * and state name (zeros at first), and counts updates. Close it to
 * release the state.
 */
public final class Optimizer implements AutoCloseable {
    private final OptimizerConfig config;
    private final List<Parameter> parameters;
    private final Kernels kernels;
    private final List<List<Tensor>> state = new ArrayList<>();
    private final TensorArena arena = new TensorArena();
    private long steps;

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

    public OptimizerConfig config() {
        return config;
    }

    /** Updates made so far. */
    public long steps() {
        return steps;
    }

    /** Updates every parameter from its gradient at {@code learningRate} (the scheduled rate). */
    public void step(double learningRate) {
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            config.update(kernels, steps, learningRate, p, state.get(i));
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
    }
}
