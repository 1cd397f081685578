package org.rnn4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;

/**
 * Checkpoints as a listener: after every {@link Checkpoints#every()}-th update, writes the trainer's
 * checkpoint to {@link Checkpoints#file} (first deleting the temporaries of interrupted writes) and deletes
 * all but the newest {@link Checkpoints#keep()}
 * ({@link Trainer.Builder#checkpoints} adds one).
 */
public final class CheckpointListener implements TrainingListener {
    private final Checkpoints checkpoints;
    private final Trainer<?> trainer;

    /** Checkpoints of {@code trainer}, as {@code checkpoints} says. */
    public CheckpointListener(Checkpoints checkpoints, Trainer<?> trainer) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    @Override
    public void onStepEnd(long step) {
        if (step % checkpoints.every() != 0) {
            return;
        }
        try {
            Files.createDirectories(checkpoints.directory());
            Checkpoints.deleteTemporaries(checkpoints.directory());
            trainer.saveCheckpoint(checkpoints.file(step));
            checkpoints.prune();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint at update " + step, e);
        }
    }
}
