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
}
