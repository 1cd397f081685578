package org.rnn4j.tensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Owns the temporaries created on this thread while it is open (tensors made by {@link Tensor}'s
 * static factories, the results of layers and kernels); closing it releases them all at once.
 * Long-lived tensors — parameters, optimizer state, carried states, streams, loaded models — are
 * owned by their objects ({@link TensorArena}) and never by a scope, so closing a scope never
 * breaks a live model. Scopes nest: a temporary belongs to the innermost open scope. Use with
 * try-with-resources:
 * <pre>{@code
 * try (TensorScope scope = TensorScope.open()) {
 *     Tensor x = Tensor.zeros(Shape.of(T, N, I));   // released when the scope closes
 * }
 * }</pre>
 * A tensor that must outlive the scope can be {@link #detach detached} from it.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<Deque<TensorScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final Set<Tensor> owned = new LinkedHashSet<>();
    private final Tensor.Owner owner = owned::remove;
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    private TensorScope() {
    }

    /** Opens a scope on the current thread. */
    public static TensorScope open() {
        TensorScope scope = new TensorScope();
        OPEN.get().push(scope);
        return scope;
    }

    static void adopt(Tensor tensor) {
        TensorScope scope = OPEN.get().peek();
        if (scope != null) {
            scope.owned.add(tensor);
            tensor.owner = scope.owner;
        }
    }

    /** Removes {@code tensor} from this scope: the caller now closes it. */
    public Tensor detach(Tensor tensor) {
        if (tensor.owner != owner) {
            throw new IllegalArgumentException("tensor " + tensor.shape() + " is not owned by this scope");
        }
        owned.remove(tensor);
        tensor.owner = null;
        return tensor;
    }

    /** Number of open tensors this scope owns. */
    public int size() {
        return owned.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a TensorScope must be closed on the thread that opened it (" + thread.getName() + ")");
        }
        Deque<TensorScope> stack = OPEN.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("TensorScopes must be closed innermost first");
        }
        stack.pop();
        closed = true;
        Tensor[] all = owned.toArray(new Tensor[0]);
        owned.clear();
        for (int i = all.length - 1; i >= 0; i--) {
            all[i].owner = null;
            all[i].release();
        }
    }
}
