package org.rnn4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints as a listener: after every {@link Checkpoints#every()}-th update, writes the trainer's
 * checkpoint to {@link Checkpoints#file} (first deleting the temporaries of interrupted writes) and deletes
 * all but the newest {@link Checkpoints#keep()}
 * ({@link Trainer.Builder#checkpoints} adds one). A checkpoint due after an update the {@link Divergence}
 * guard flagged is put off (with a WARN) to the next update not flagged, so diverged weights never push the
 * good checkpoints out.
 */
public final class CheckpointListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    private final Checkpoints checkpoints;
    private final Trainer<?> trainer;
    private boolean lastDiverged;
    private boolean putOff;

    /** Checkpoints of {@code trainer}, as {@code checkpoints} says. */
    public CheckpointListener(Checkpoints checkpoints, Trainer<?> trainer) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    @Override
    public void onStep(StepReport report) {
        lastDiverged = report.diverged();
    }

    @Override
    public void onStepEnd(long step) {
        boolean due = step % checkpoints.every() == 0 || putOff;
        if (!due) {
            return;
        }
        if (lastDiverged) {
            if (!putOff) {
                LOG.warn("checkpoint of update {} put off: the update diverged", step);
            }
            putOff = true;
            return;
        }
        putOff = false;
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
