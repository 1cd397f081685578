package org.rnn4j.tensor;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The long-lived tensors of one object (a layer's parameters, an optimizer's state, a stream's
 * state): made here, never adopted by a {@link TensorScope}, released together by {@link #close()}.
 * As DJL's per-model manager: the object that uses the memory owns it. Not thread-safe.
 */
public final class TensorArena implements AutoCloseable {
    private final Set<Tensor> owned = new LinkedHashSet<>();
    private final Tensor.Owner owner = owned::remove;
    private boolean closed;

    /** A tensor of zeros, owned by this arena. */
    public Tensor zeros(Shape shape) {
        checkOpen();
        return Tensor.create(shape, true, this);
    }

    public Tensor zeros(long... dims) {
        return zeros(Shape.of(dims));
    }

    /** A tensor whose contents are undefined until written, owned by this arena. */
    public Tensor uninitialized(Shape shape) {
        checkOpen();
        return Tensor.create(shape, false, this);
    }

    /** A copy of {@code data} shaped {@code dims}, owned by this arena. */
    public Tensor of(float[] data, long... dims) {
        checkOpen();
        return Tensor.fill(Tensor.create(Tensor.checkedShape(data, dims), false, this), data);
    }

    /** A copy of {@code source}, owned by this arena. */
    public Tensor copyOf(Tensor source) {
        return uninitialized(source.shape()).copyFrom(source);
    }

    /**
     * Takes {@code tensor} over from its scope or previous arena (e.g. an engine's result this
     * object keeps): this arena now releases it.
     */
    public Tensor adopt(Tensor tensor) {
        checkOpen();
        if (tensor.isClosed()) {
            throw new IllegalArgumentException("tensor " + tensor.shape() + " is closed and cannot be adopted");
        }
        if (tensor.owner != null) {
            tensor.owner.remove(tensor);
        }
        add(tensor);
        return tensor;
    }

    /** Releases {@code tensor} now (it must be this arena's). */
    public void release(Tensor tensor) {
        if (tensor != null) {
            tensor.close();
        }
    }

    /** Number of open tensors this arena owns. */
    public int size() {
        return owned.size();
    }

    void add(Tensor tensor) {
        owned.add(tensor);
        tensor.owner = owner;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this tensor arena is closed");
        }
    }

    /** Releases every tensor of this arena. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Tensor[] all = owned.toArray(new Tensor[0]);
        owned.clear();
        for (int i = all.length - 1; i >= 0; i--) {
            all[i].owner = null;
            all[i].release();
        }
    }
}
