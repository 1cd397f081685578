package org.rnn4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/** The Java-serialised size of a task's function, as Spark ships it in every task (before compression). */
final class TaskBytes {
    private TaskBytes() {
    }

    static long of(Object function) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(function);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise a task's function", e);
        }
        return bytes.size();
    }
}
