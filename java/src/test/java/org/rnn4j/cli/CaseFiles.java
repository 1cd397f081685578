package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCase;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;

/**
 * A {@link TorchCase} written to files in {@code dir}: weights.safetensors, x.npy (in {@code layout}),
 * h0.npy, c0.npy (LSTM), lengths.npy (int64, if the case has lengths), dy.npy (in {@code layout});
 * and the paths the command writes to.
 */
final class CaseFiles {
    final TorchCase c;
    final SequenceLayout layout;
    final Path weights;
    final Path input;
    final Path h0;
    final Path c0;
    final Path lengths;
    final Path dy;
    final Path output;
    final Path hn;
    final Path cn;
    final Path grads;

    CaseFiles(Path dir, TorchCase c, SequenceLayout layout) throws IOException {
        this.c = c;
        this.layout = layout;
        weights = dir.resolve("weights.safetensors");
        input = dir.resolve("x.npy");
        h0 = dir.resolve("h0.npy");
        c0 = dir.resolve("c0.npy");
        lengths = dir.resolve("lengths.npy");
        dy = dir.resolve("dy.npy");
        output = dir.resolve("y.npy");
        hn = dir.resolve("hn.npy");
        cn = dir.resolve("cn.npy");
        grads = dir.resolve("grads.safetensors");
        SafeTensors.write(weights, c.stateDict());
        Npy.write(input, layout.fromTnc(TorchCase.toFloat(c.x), c.steps, c.batch, c.inputSize),
                layout.shape(c.steps, c.batch, c.inputSize));
        int rows = c.layers * c.directions();
        Npy.write(h0, TorchCase.toFloat(c.h0), rows, c.batch, c.stateSize());
        if (c.c0 != null) {
            Npy.write(c0, TorchCase.toFloat(c.c0), rows, c.batch, c.hiddenSize);
        }
        if (c.lengths != null) {
            long[] l = new long[c.batch];
            for (int n = 0; n < c.batch; n++) {
                l[n] = c.lengths[n];
            }
            Npy.write(lengths, l, c.batch);
        }
        Npy.write(dy, layout.fromTnc(TorchCase.toFloat(c.dy), c.outputSteps(), c.batch, c.outputWidth()),
                layout.shape(c.outputSteps(), c.batch, c.outputWidth()));
    }

    /**
     * --cell, --weights, --input, --output, plus --batch-first, --lengths, --h0/--c0 and --hn/--cn as
     * the case has them; {@code replacements} are option/value pairs that replace those given.
     */
    List<String> forwardArgs(String... replacements) {
        List<String> a = new ArrayList<>(List.of("forward", "--cell", c.cell.cliName(), "--weights", weights.toString(),
                "--input", input.toString(), "--output", output.toString(), "--h0", h0.toString(), "--hn",
                hn.toString()));
        if (layout == SequenceLayout.NTC) {
            a.add("--batch-first");
        }
        if (c.lengths != null) {
            a.addAll(List.of("--lengths", lengths.toString()));
        }
        if (c.c0 != null) {
            a.addAll(List.of("--c0", c0.toString(), "--cn", cn.toString()));
        }
        for (int i = 0; i < replacements.length; i += 2) {
            a.set(a.indexOf(replacements[i]) + 1, replacements[i + 1]);
        }
        return a;
    }

    /** {@link #forwardArgs()} plus --grad-output and --grads. */
    List<String> backwardArgs() {
        List<String> a = forwardArgs();
        a.addAll(List.of("--grad-output", dy.toString(), "--grads", grads.toString()));
        return a;
    }

    /** The output as [T_out, N, O] doubles, checking the file's shape. */
    double[] outputTnc() throws IOException {
        HostArray y = Npy.read(output);
        long[] expected = layout.shape(c.outputSteps(), c.batch, c.outputWidth());
        assertArrayEquals(expected, y.shape(), "output shape");
        return TorchCase.toDouble(layout.toTnc(y.floats(), c.outputSteps(), c.batch, c.outputWidth()));
    }

    /** The tensors of the gradients file by name. */
    Map<String, HostArray> grads() throws IOException {
        return SafeTensors.read(grads).asMap();
    }
}
