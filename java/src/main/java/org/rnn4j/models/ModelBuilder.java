package org.rnn4j.models;

import java.util.Objects;
import org.rnn4j.Precision;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.rnn.RnnEngines;

/**
 * What every ready model's builder has: the recurrent layer, the seed of the initial parameters and the
 * backend. Each model's {@code Builder} adds its own sizes and options and {@link #build()}s the model.
 *
 * @param <B> the model's builder, returned by each setter
 * @param <M> the model it builds
 */
public abstract class ModelBuilder<B extends ModelBuilder<B, M>, M extends Model> {
    private RecurrentSpec recurrent;
    private long seed;
    private Backend backend;
    private Precision precision;  // null: the recurrent spec's

    /** {@code defaultRecurrent}: the recurrent layer used unless {@link #recurrent} is called. */
    ModelBuilder(RecurrentSpec defaultRecurrent) {
        this.recurrent = Objects.requireNonNull(defaultRecurrent, "defaultRecurrent");
    }

    /** The recurrent layer (each model's builder names its default, e.g. {@code Recurrent.lstm(64)}). */
    public B recurrent(RecurrentSpec spec) {
        this.recurrent = Objects.requireNonNull(spec, "recurrent");
        return self();
    }

    /** Seeds the initial parameters (default 0). */
    public B seed(long newSeed) {
        this.seed = newSeed;
        return self();
    }

    /** The backend (default {@link RnnEngines#defaultBackend()}). */
    public B backend(Backend newBackend) {
        this.backend = Objects.requireNonNull(newBackend, "backend");
        return self();
    }

    /**
     * The precision of the model's native kernels, recurrent and linear layers alike (default: the recurrent spec's,
     * {@link Precision#F32} unless set there); see {@link Precision}. Parameters, optimizer state and gradients stay
     * f32; the embedding is a lookup and stays f32 (nothing to compute).
     */
    public B precision(Precision newPrecision) {
        this.precision = Objects.requireNonNull(newPrecision, "precision");
        return self();
    }

    /** Builds the model: its parameters initialised from the seed, on the backend. */
    public abstract M build();

    final RecurrentSpec recurrentSpec() {
        return precision == null ? recurrent : recurrent.precision(precision);
    }

    final long seedValue() {
        return seed;
    }

    final Backend backendOrDefault() {
        return backend != null ? backend : RnnEngines.defaultBackend();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
