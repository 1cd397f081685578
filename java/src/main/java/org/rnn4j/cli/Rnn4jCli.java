package org.rnn4j.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code rnn4j} command line: {@code rnn4j forward ...} (see {@link ForwardCommand}'s help).
 * Exit codes: 0 success, 2 usage error or bad input file, dtype, shape or value, 1 any other failure;
 * every failure is reported as one line on stderr. Logging goes through SLF4J at level warn unless
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} says otherwise.
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, versionProvider = Rnn4jCli.Version.class,
        description = "Recurrent neural networks on oneDNN: runs PyTorch RNN, LSTM and GRU modules from their"
                + " state_dict on .npy and .safetensors files.",
        subcommands = {ForwardCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'rnn4j forward --help' for the options and shapes."})
public final class Rnn4jCli implements Callable<Integer> {
    /** slf4j-simple's default level property. */
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Spec
    private CommandSpec spec;

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, "warn");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with rnn4j's error handling installed (one-line errors, exit codes 2 and 1). */
    public static CommandLine commandLine() {
        return commandLine(new Object[0]);
    }

    /**
     * The command line with {@code subcommands} added (picocli command objects, e.g. the examples'), all
     * with rnn4j's error handling: one line on stderr, exit 2 for bad input, 1 for any other failure.
     */
    public static CommandLine commandLine(Object... subcommands) {
        CliErrors errors = new CliErrors();
        CommandLine line = new CommandLine(new Rnn4jCli());
        for (Object command : subcommands) {
            line.addSubcommand(command);
        }
        return line.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: expected one of "
                + spec.subcommands().keySet());
    }

    /** "rnn4j &lt;version&gt;" from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Rnn4jCli.class.getPackage().getImplementationVersion();
            return new String[] {"rnn4j " + (v == null ? "(development build)" : v)};
        }
    }
}
