package org.rnn4j.rnn;

import org.rnn4j.backend.Backend;
import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Tensor;

/**
 * Runs a recurrent network forward and backward. Two implementations with identical semantics:
 * {@link NativeRnn} (oneDNN's fused kernels) and {@link JvmRnn} (pure Java); pick one with
 * {@link RnnEngines#create}.
 *
 * <p>Variable lengths follow packed-sequence semantics (PyTorch's pack_padded_sequence →
 * module → pad_packed_sequence): sequence n uses steps t &lt; lengths[n]; outputs past its end are 0;
 * its final state is the one after its own last step; a right-to-left direction starts at its own
 * last step; gradients of padded steps are 0.
 */
public interface RnnEngine extends AutoCloseable {

    RnnConfig config();

    /** Which backend this is. */
    Backend backend();

    /**
     * Runs the network over {@code input} [T, N, I].
     *
     * @param lengths per-sequence lengths [N], each in [1, T]; null = all T
     * @param initial initial states, or null for zeros
     * @return the output [T, N, O] and final states, allocated in the current scope
     */
    default RnnForward forward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
                               RnnState initial) {
        return forward(propagation, weights, input, lengths, initial, FinalStates.COMPUTED);
    }

    /**
     * {@link #forward(Propagation, RnnWeights, Tensor, int[], RnnState)}, computing the final state or,
     * with {@link FinalStates#NONE}, the outputs only (faster for variable lengths; see {@link FinalStates}).
     */
    RnnForward forward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths, RnnState initial,
                       FinalStates finalStates);

    /** {@link #forward(Propagation, RnnWeights, Tensor, int[], RnnState)} with every sequence of length T. */
    default RnnForward forward(Propagation propagation, RnnWeights weights, Tensor input, RnnState initial) {
        return forward(propagation, weights, input, null, initial);
    }

    /**
     * Backpropagates {@code outputGradient} [T, N, O] and {@code finalStateGradient} (null = zeros)
     * through a training forward of this engine; writes weight gradients into {@code weightGradients}
     * as {@code mode} says and returns the input and initial-state gradients.
     */
    RnnBackward backward(RnnForward forward, Tensor outputGradient, RnnState finalStateGradient,
                         RnnWeights weightGradients, GradientMode mode);

    /**
     * Seeds the dropout masks between stacked layers: the k-th training forward after this call uses
     * masks derived from (seed, k), whichever backend runs it. Engines start as if seeded with 0.
     */
    void seed(long seed);

    @Override
    void close();
}
