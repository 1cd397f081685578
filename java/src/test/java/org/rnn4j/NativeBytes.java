package org.rnn4j;

import org.bytedeco.javacpp.Pointer;
import org.rnn4j.tensor.TensorPool;

/** The native bytes tensors and other JavaCPP pointers hold, not counting the pool's idle blocks. */
public final class NativeBytes {
    private NativeBytes() {
    }

    public static long held() {
        return Pointer.totalBytes() - TensorPool.idleBytes();
    }

    /**
     * Fails when more native bytes are held than {@code before}. Not "equal": tensors other tests leak on
     * purpose (the leak reports' tests) are freed by the garbage collector's cleaner whenever it runs, which
     * may be during the caller's test, lowering the count by theirs.
     */
    public static void assertNoMoreThan(long before, String what) {
        long now = held();
        if (now > before) {
            throw new AssertionError(what + ": " + now + " native bytes held, " + before + " before (" + (now - before)
                    + " more)");
        }
    }
}
