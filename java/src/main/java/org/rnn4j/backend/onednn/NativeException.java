package org.rnn4j.backend.onednn;

/** A failure inside the native library (oneDNN), carrying its status and what was being done. */
public class NativeException extends RuntimeException {
    public NativeException(String message) {
        super(message);
    }

    public NativeException(String message, Throwable cause) {
        super(message, cause);
    }
}
