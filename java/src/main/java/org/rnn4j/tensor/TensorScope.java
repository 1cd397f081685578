package org.rnn4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Owns the tensors created on this thread while it is open; closing it releases them all at once.
 * Scopes nest: a tensor belongs to the innermost open scope. Use with try-with-resources:
 * <pre>{@code
 * try (TensorScope scope = TensorScope.open()) {
 *     Tensor x = Tensor.zeros(Shape.of(T, N, I));   // released when the scope closes
 * }
 * }</pre>
 * A tensor that must outlive the scope can be {@link #detach detached} from it.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<Deque<TensorScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Tensor> owned = new ArrayList<>();
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
            tensor.owner = scope;
        }
    }

    /** Removes {@code tensor} from this scope: the caller now closes it. */
    public Tensor detach(Tensor tensor) {
        if (tensor.owner != this) {
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
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).release();
        }
        owned.clear();
    }
}
