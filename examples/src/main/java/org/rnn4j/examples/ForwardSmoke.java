package org.rnn4j.examples;

import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.rnn.NativeRnn;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** One native forward pass; prints the Java version, oneDNN version and an output checksum. Used to prove the jars stand alone. */
public final class ForwardSmoke {
    private ForwardSmoke() {
    }

    public static void main(String[] args) {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 8, 16).layers(2).direction(Direction.BIDIRECTIONAL_CONCAT).build();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            float[] x = new float[5 * 3 * 8];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i);
            }
            RnnForward fwd = rnn.forward(Propagation.INFERENCE, RnnWeights.uniform(config, 1), Tensor.of(x, 5, 3, 8), null);
            double sum = 0;
            for (float v : fwd.output().toFloatArray()) {
                sum += v;
            }
            System.out.printf("java %s, oneDNN %s, output %s, checksum %.6f%n", System.getProperty("java.version"),
                    NativeLibrary.onednnVersion(), fwd.output().shape(), sum);
            System.out.println("rnn4j native forward OK");
        }
    }
}
