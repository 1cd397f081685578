package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the command's output paths before anything is computed: each in an existing, writable
 * directory and not a directory itself, none the same file as an input or another output (compared
 * as files, so a symbolic link or another spelling of a path is caught too). Each failure is one
 * {@link BadInputException} naming the option.
 */
final class CliPaths {
    private CliPaths() {
    }

    /**
     * @param inputs  the files read, by option (null values are options not given)
     * @param outputs the files written, by option (likewise)
     */
    static void checkOutputs(Map<String, Path> inputs, Map<String, Path> outputs) {
        List<Map.Entry<String, Path>> seen = new ArrayList<>();
        for (Map.Entry<String, Path> out : outputs.entrySet()) {
            if (out.getValue() == null) {
                continue;
            }
            String option = out.getKey();
            Path file = out.getValue();
            checkWritable(option, file);
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                if (in.getValue() != null && same(file, in.getValue())) {
                    throw new BadInputException(option + " " + file + ": is the " + in.getKey() + " file: an output"
                            + " must not overwrite an input");
                }
            }
            for (Map.Entry<String, Path> other : seen) {
                if (same(file, other.getValue())) {
                    throw new BadInputException(option + " " + file + ": is also the " + other.getKey() + " file:"
                            + " every output needs a file of its own");
                }
            }
            seen.add(out);
        }
    }

    private static void checkWritable(String option, Path file) {
        Path directory = file.toAbsolutePath().normalize().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new BadInputException(option + " " + file + ": cannot write: no such directory " + directory);
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(option + " " + file + ": cannot write: is a directory");
        }
        if (!Files.isWritable(directory)) {
            throw new BadInputException(option + " " + file + ": cannot write: directory " + directory
                    + " is not writable");
        }
    }

    /** Whether two paths name one file: the same file if both exist, else the same real directory and name. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return identity(a).equals(identity(b));
        } catch (IOException e) {
            return identity(a).equals(identity(b));
        }
    }

    /** The real path of {@code p}'s directory, resolved with its name (the absolute normalized path if that fails). */
    private static Path identity(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || absolute.getFileName() == null) {
            return absolute;
        }
        try {
            return parent.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }
}
