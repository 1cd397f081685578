package org.rnn4j.cli;

/**
 * A bad input file, dtype, shape or value, or an output that cannot be written: the command
 * prints {@link #getMessage()} as one line and exits with {@link CliErrors#BAD_INPUT}.
 */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
