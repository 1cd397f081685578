package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.rnn4j.io.CorruptFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr ({@code rnn4j <command>: <reason>}, no stack trace) and
 * an exit code: {@link #BAD_INPUT} for usage errors and bad files, dtypes, shapes or values,
 * {@link #FAILURE} for anything else (e.g. an explicitly requested native backend that cannot load).
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** Usage error, or bad input file, dtype, shape or value. */
    static final int BAD_INPUT = CommandLine.ExitCode.USAGE;
    /** Any other failure. */
    static final int FAILURE = CommandLine.ExitCode.SOFTWARE;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println(prefix(cl) + oneLine(e.getMessage()) + " (see '" + cl.getCommandSpec().qualifiedName()
                + " --help')");
        cl.getErr().flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        boolean bad = e instanceof BadInputException || e instanceof IllegalArgumentException
                || e instanceof IOException;
        cl.getErr().println(prefix(cl) + oneLine(describe(e)));
        cl.getErr().flush();
        return bad ? BAD_INPUT : FAILURE;
    }

    /** A reason for {@code e} that makes sense on its own. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        if (e instanceof BadInputException || e instanceof IllegalArgumentException
                || e instanceof CorruptFileException) {
            return String.valueOf(e.getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName() + ": ";
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
