package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** --help on the top command and on forward documents every option with its shapes; exit code 0. */
class HelpTest {

    @Test
    void topCommandListsForward() {
        CliRun.Result r = CliRun.run("--help").assertOk();
        assertTrue(r.out().startsWith("Usage: rnn4j"), r.out());
        assertTrue(r.out().contains("forward"), r.out());
        assertEquals(r.out(), CliRun.run("-h").out());
    }

    @Test
    void forwardDocumentsEveryOptionAndShape() {
        CliRun.Result r = CliRun.run("forward", "--help").assertOk();
        String help = r.out();
        assertTrue(help.startsWith("Usage: rnn4j forward --cell=<cell> --weights=W.safetensors --input=X.npy\n"), help);
        for (String option : List.of("--cell", "--weights", "--input", "--batch-first", "--lengths", "--h0", "--c0",
                "--output", "--hn", "--cn", "--grad-output", "--grads", "--backend", "--help")) {
            assertTrue(help.contains(option), () -> option + " in\n" + help);
        }
        for (String fragment : List.of("lstm, gru, rnn_tanh, rnn_relu", "[T, N, I]", "[N, T, I]", "[L*D, N, S]",
                "[L*D, N, H]", "max(lengths)", "weight_hr_l{k}", "_reverse", "int64 or int32", "L = sum(Y * DY)",
                "Exit codes")) {
            assertTrue(help.contains(fragment), () -> fragment + " in\n" + help);
        }
        assertEquals(help, CliRun.run("help", "forward").out());
    }

    @Test
    void versionIsPrinted() {
        assertTrue(CliRun.run("--version").assertOk().out().startsWith("rnn4j "));
    }
}
