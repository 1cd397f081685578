package org.rnn4j.nn;

import java.util.Objects;
import java.util.Optional;

import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.rnn.FinalStates;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnState;

/**
 * How {@link Recurrent#forward(org.rnn4j.tensor.Tensor, RecurrentOptions)} runs: per-sequence lengths
 * (default: every sequence has all T steps), the initial state (default: zeros), the layout of the input
 * and output (default time-major [T, N, C]; {@link #batchFirst()} for PyTorch's {@code batch_first=True}
 * [N, T, C]) and the propagation (default {@link Propagation#TRAINING}, as {@code nn.LSTM} in train mode;
 * {@link #inference()} keeps no workspace and cannot be followed by backward), and whether the final
 * state is computed (default yes; {@link #outputsOnly()} when it is never read, which lets variable
 * lengths run faster). Immutable: every method returns a new object.
 *
 * <pre>{@code
 * rnn.forward(x, RecurrentOptions.inference().lengths(new int[] {5, 3}).initial(h0).batchFirst());
 * }</pre>
 */
public final class RecurrentOptions {
    private static final RecurrentOptions TRAINING =
            new RecurrentOptions(null, null, SequenceLayout.TNC, Propagation.TRAINING, FinalStates.COMPUTED);
    private static final RecurrentOptions INFERENCE = TRAINING.propagation(Propagation.INFERENCE);

    private final int[] lengths;
    private final RnnState initial;
    private final SequenceLayout layout;
    private final Propagation propagation;
    private final FinalStates finalStates;

    private RecurrentOptions(int[] lengths, RnnState initial, SequenceLayout layout, Propagation propagation,
                             FinalStates finalStates) {
        this.lengths = lengths;
        this.initial = initial;
        this.layout = layout;
        this.propagation = propagation;
        this.finalStates = finalStates;
    }

    /** The defaults: a training forward, time-major, all sequences of length T, zero initial state. */
    public static RecurrentOptions training() {
        return TRAINING;
    }

    /** The defaults with {@link Propagation#INFERENCE}: no workspace, no backward. */
    public static RecurrentOptions inference() {
        return INFERENCE;
    }

    /**
     * Per-sequence lengths [N], each in [1, T] (packed-sequence semantics: sequence n reads steps
     * t &lt; lengths[n], its output is 0 past that, its final state is the one after its own last step).
     */
    public RecurrentOptions lengths(int[] newLengths) {
        Objects.requireNonNull(newLengths, "lengths");
        return new RecurrentOptions(newLengths.clone(), initial, layout, propagation, finalStates);
    }

    /** The initial state: h [L, D, N, S] and, for an LSTM, c [L, D, N, H]. */
    public RecurrentOptions initial(RnnState newInitial) {
        return new RecurrentOptions(lengths, Objects.requireNonNull(newInitial, "initial"), layout, propagation,
                finalStates);
    }

    /** The layout of the input, the output and their gradients. */
    public RecurrentOptions layout(SequenceLayout newLayout) {
        return new RecurrentOptions(lengths, initial, Objects.requireNonNull(newLayout, "layout"), propagation,
                finalStates);
    }

    /** Input and output [N, T, C] (PyTorch's {@code batch_first=True}); states keep their shapes. */
    public RecurrentOptions batchFirst() {
        return layout(SequenceLayout.NTC);
    }

    /** Whether backward will follow ({@link Propagation#TRAINING}) or not. */
    public RecurrentOptions propagation(Propagation newPropagation) {
        return new RecurrentOptions(lengths, initial, layout,
                Objects.requireNonNull(newPropagation, "propagation"), finalStates);
    }

    /**
     * Outputs only: the pass computes no final state ({@link Recurrent.Pass#finalState()} throws, and
     * backward refuses a final-state gradient with {@link IllegalStateException}). For models that never
     * read h_n or c_n (a language model on padded batches, a tagger, a CTC transcriber): with lengths, the
     * native engine then runs an LSTM in a few padded time segments instead of one per distinct length.
     */
    public RecurrentOptions outputsOnly() {
        return finalStates(FinalStates.NONE);
    }

    /** Whether the pass computes the final state ({@link FinalStates#COMPUTED}, the default) or not. */
    public RecurrentOptions finalStates(FinalStates newFinalStates) {
        return new RecurrentOptions(lengths, initial, layout, propagation,
                Objects.requireNonNull(newFinalStates, "finalStates"));
    }

    /** The lengths, if given (a copy). */
    public Optional<int[]> lengths() {
        return Optional.ofNullable(lengths).map(int[]::clone);
    }

    /** The initial state, if given. */
    public Optional<RnnState> initial() {
        return Optional.ofNullable(initial);
    }

    public SequenceLayout layout() {
        return layout;
    }

    public Propagation propagation() {
        return propagation;
    }

    public FinalStates finalStates() {
        return finalStates;
    }

    /** The lengths or null, for the engine. */
    int[] lengthsOrNull() {
        return lengths;
    }

    @Override
    public String toString() {
        return "RecurrentOptions[" + propagation + ", " + layout + (lengths != null ? ", lengths" : "")
                + (initial != null ? ", initial state" : "")
                + (finalStates == FinalStates.NONE ? ", outputs only" : "") + "]";
    }
}
