package org.rnn4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * A copy of the parameters at the best validation, for {@link EarlyStopping.Weights#BEST}: owned by the
 * trainer (in its own arena, never by a scope), saved in checkpoints so a resumed run restores the
 * same weights, released by {@link #close()}.
 */
final class BestWeights implements AutoCloseable {
    private final List<Parameter> parameters;
    private final List<Tensor> copies = new ArrayList<>();
    private final TensorArena arena = new TensorArena();

    /** Starts as a copy of the current values. */
    BestWeights(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        for (Parameter p : parameters) {
            copies.add(arena.copyOf(p.value()));
        }
    }

    /** Copies the current values of every parameter (at a new best validation). */
    void capture() {
        for (int i = 0; i < copies.size(); i++) {
            copies.get(i).copyFrom(parameters.get(i).value());
        }
    }

    /** Writes the copies back into the parameters. */
    void restore() {
        for (int i = 0; i < copies.size(); i++) {
            parameters.get(i).value().copyFrom(copies.get(i));
        }
    }

    /** The copies by checkpoint name, {@code best/<parameter name>}. */
    Map<String, Tensor> tensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < copies.size(); i++) {
            out.put("best/" + parameters.get(i).name(), copies.get(i));
        }
        return out;
    }

    @Override
    public void close() {
        arena.close();
    }
}
