package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rnn4j.io.AtomicFiles;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;

/**
 * The command's outputs, written all or none: each into a temporary beside its target
 * ({@code .<name>.<hex>.tmp}), and renamed into place by {@link #commit()} only once every one is
 * written; {@link #close()} deletes the temporaries not committed, so a failure leaves nothing behind.
 * (The renames themselves are not one transaction: a rename failing after the checks of
 * {@link CliPaths#checkOutputs} passed would leave the outputs renamed before it.)
 */
final class OutputFiles implements AutoCloseable {
    /** One written output: the option that named it, its temporary and its target. */
    private record Staged(String option, Path temporary, Path target) {
    }

    private final List<Staged> staged = new ArrayList<>();

    /** Writes a float32 .npy output. */
    void npy(String option, Path target, float[] data, long[] shape) {
        Path tmp = stage(option, target);
        try {
            Npy.write(tmp, HostArray.ofFloats(data, shape));
        } catch (IOException e) {
            throw cannotWrite(option, target, e);
        }
    }

    /** Writes a safetensors output. */
    void safeTensors(String option, Path target, Map<String, HostArray> tensors) {
        Path tmp = stage(option, target);
        try {
            SafeTensors.write(tmp, tensors);
        } catch (IOException e) {
            throw cannotWrite(option, target, e);
        }
    }

    /** Renames every output into place, in the order written. */
    void commit() {
        while (!staged.isEmpty()) {
            Staged s = staged.get(0);
            try {
                AtomicFiles.move(s.temporary(), s.target());
            } catch (IOException e) {
                throw cannotWrite(s.option(), s.target(), e);
            }
            staged.remove(0);
        }
    }

    /** Deletes the temporaries of the outputs not committed. */
    @Override
    public void close() {
        for (Staged s : staged) {
            try {
                Files.deleteIfExists(s.temporary());
            } catch (IOException e) {
                // The failure that brought us here is what the user must see; a temporary that cannot be
                // deleted is a dot-file beside the target, named as every interrupted write's is.
            }
        }
        staged.clear();
    }

    private Path stage(String option, Path target) {
        Path tmp = AtomicFiles.temporaryFor(target);
        staged.add(new Staged(option, tmp, target));
        return tmp;
    }

    private static BadInputException cannotWrite(String option, Path target, IOException e) {
        return new BadInputException(option + " " + target + ": cannot write: " + CliFiles.reason(e, target));
    }
}
