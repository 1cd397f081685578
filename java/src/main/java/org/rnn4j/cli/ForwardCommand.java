package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.backend.Backend;
import org.rnn4j.cli.ForwardRequest.NonFiniteInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rnn4j forward}: the options; {@link ForwardRun} does the work. */
@Command(name = "forward", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = Rnn4jCli.Version.class,
        customSynopsis = {
            "rnn4j forward --cell=<cell> --weights=W.safetensors --input=X.npy",
            "                     [--batch-first] [--lengths=L.npy] [--h0=H0.npy]",
            "                     [--c0=C0.npy] --output=Y.npy [--hn=HN.npy] [--cn=CN.npy]",
            "                     [--grad-output=DY.npy --grads=G.safetensors]",
            "                     [--backend=native|jvm] [--strict] [-hV]",
            ""},
        description = {
            "Runs a PyTorch nn.LSTM, nn.GRU or nn.RNN, given its state_dict, over a batch of sequences: the outputs"
                + " (and, with --grad-output, the gradients) PyTorch computes with the same state_dict.",
            "",
            "Shapes: T steps, N sequences, I input size, H hidden size, P proj_size (LSTM with weight_hr_l*),"
                + " S = P if present else H, L layers, D directions (2 if the state_dict has *_reverse tensors,"
                + " PyTorch's bidirectional=True), O = D*S. Layers, I, H, P and D are inferred from the"
                + " state_dict's names and shapes. Arrays are .npy files, float32 unless noted; every file"
                + " written is float32.",
            ""},
        footer = {
            "",
            "Outputs are written all or none: every output path is checked before anything is computed (an"
                + " existing directory; not an input, nor another output), each output goes to a temporary file"
                + " beside it, and all are renamed into place only once every one is written.",
            "",
            "Exit codes: 0 success (NaN or infinite values in an input or weight: one warning line on stderr"
                + " naming each file and tensor); 2 usage error, a bad output path, or a missing/corrupt file,"
                + " wrong dtype, shape mismatch or value out of range, or with --strict NaN or infinite inputs"
                + " (one line on stderr); 1 any other failure (e.g. --backend native when the native library"
                + " cannot load).",
            "",
            "Example:",
            "  rnn4j forward --cell lstm --weights lstm.safetensors --input x.npy \\",
            "      --output y.npy --hn hn.npy --cn cn.npy"})
final class ForwardCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cell", required = true, paramLabel = "<cell>", converter = Converters.Cell.class,
            completionCandidates = Converters.CellNames.class,
            description = "The module: lstm (nn.LSTM), gru (nn.GRU), rnn_tanh or rnn_relu (nn.RNN with"
                    + " nonlinearity 'tanh' or 'relu'). One of: ${COMPLETION-CANDIDATES}.")
    private TorchCell cell;

    @Option(names = "--weights", required = true, paramLabel = "W.safetensors",
            description = "The module's state_dict, F32: weight_ih_l{k} [G*H, I] (layer 0) or [G*H, O] (layers"
                    + " k > 0), weight_hh_l{k} [G*H, S], bias_ih_l{k} [G*H], bias_hh_l{k} [G*H], weight_hr_l{k}"
                    + " [P, H] (LSTM with proj_size), each also with suffix _reverse if bidirectional; G = 4"
                    + " (LSTM: i, f, g, o), 3 (GRU: r, z, n), 1 (RNN). Biases are required (modules with"
                    + " bias=False are not supported).")
    private Path weights;

    @Option(names = "--input", required = true, paramLabel = "X.npy",
            description = "The input [T, N, I] ([N, T, I] with --batch-first).")
    private Path input;

    @Option(names = "--batch-first",
            description = "Input, output, --grad-output and the input gradient are [N, T, .] (PyTorch's"
                    + " batch_first=True). States stay [L*D, N, .].")
    private boolean batchFirst;

    @Option(names = "--lengths", paramLabel = "L.npy",
            description = "Sequence lengths [N], int64 or int32, each in [1, T], in any order: the same as"
                    + " pack_padded_sequence(enforce_sorted=False) -> module -> pad_packed_sequence. Outputs"
                    + " are zero past each length, h_n and c_n hold each sequence's state at its own last step,"
                    + " the reverse direction starts there, and the output has T_out = max(lengths) steps, not T.")
    private Path lengths;

    @Option(names = "--h0", paramLabel = "H0.npy",
            description = "Initial hidden state h_0 [L*D, N, S] (default: zeros).")
    private Path h0;

    @Option(names = "--c0", paramLabel = "C0.npy",
            description = "Initial cell state c_0 [L*D, N, H], LSTM only (default: zeros).")
    private Path c0;

    @Option(names = "--output", required = true, paramLabel = "Y.npy",
            description = "Writes the output [T_out, N, O] ([N, T_out, O] with --batch-first); T_out = T, or"
                    + " max(lengths) with --lengths. For D = 2 the last axis is [forward, reverse].")
    private Path output;

    @Option(names = "--hn", paramLabel = "HN.npy",
            description = "Writes the final hidden state h_n [L*D, N, S].")
    private Path hn;

    @Option(names = "--cn", paramLabel = "CN.npy",
            description = "Writes the final cell state c_n [L*D, N, H], LSTM only.")
    private Path cn;

    @Option(names = "--grad-output", paramLabel = "DY.npy",
            description = "dL/dY for the loss L = sum(Y * DY), in the output's shape [T_out, N, O] ([N, T_out, O]"
                    + " with --batch-first). Requires --grads.")
    private Path gradOutput;

    @Option(names = "--grads", paramLabel = "G.safetensors",
            description = "Writes the gradients of L, F32, under PyTorch's names: input (the input's shape), h0"
                    + " [L*D, N, S], c0 [L*D, N, H] (LSTM; both even if --h0/--c0 are not given) and every"
                    + " state_dict tensor (what param.grad holds after L.backward()). Requires --grad-output.")
    private Path grads;

    @Option(names = "--backend", paramLabel = "native|jvm", converter = Converters.BackendName.class,
            description = "native (oneDNN) or jvm (pure Java). Default: native, falling back to jvm with a warning"
                    + " if the native library cannot load; an explicit native that cannot load is an error.")
    private Backend backend;

    @Option(names = "--strict",
            description = "NaN or infinite values in an input or weight are an error (exit 2, nothing computed)"
                    + " instead of a warning.")
    private boolean strict;

    @Override
    public Integer call() {
        if ((gradOutput == null) != (grads == null)) {
            throw new ParameterException(spec.commandLine(), gradOutput == null
                    ? "--grads requires --grad-output (the gradient of the output)"
                    : "--grad-output requires --grads (the file the gradients are written to)");
        }
        PrintWriter err = spec.commandLine().getErr();
        ForwardRun.run(new ForwardRequest(cell, weights, input, batchFirst ? SequenceLayout.NTC : SequenceLayout.TNC,
                lengths, h0, c0, output, hn, cn, gradOutput, grads, backend,
                strict ? NonFiniteInputs.REFUSE : NonFiniteInputs.WARN), line -> {
                    err.println(spec.qualifiedName() + ": warning: " + line);
                    err.flush();
                });
        return 0;
    }
}
