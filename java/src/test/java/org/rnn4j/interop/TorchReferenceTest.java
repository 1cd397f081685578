package org.rnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The oracle itself against one step worked out by hand from PyTorch's documentation (H = I = 1),
 * so that the gate blocks it reads (GRU r, z, n; LSTM i, f, g, o) are PyTorch's.
 */
class TorchReferenceTest {

    @Test
    void gruStepIsPyTorchs() {
        Map<String, double[]> p = new LinkedHashMap<>();
        p.put("weight_ih_l0", new double[] {0.5, -0.3, 0.8});   // W_ir, W_iz, W_in
        p.put("weight_hh_l0", new double[] {0.2, 0.4, -0.6});   // W_hr, W_hz, W_hn
        p.put("bias_ih_l0", new double[] {0.1, 0.2, -0.1});     // b_ir, b_iz, b_in
        p.put("bias_hh_l0", new double[] {0.05, -0.05, 0.3});   // b_hr, b_hz, b_hn
        double x = 1.5, h = 0.5;
        double r = sigmoid(0.5 * x + 0.1 + 0.2 * h + 0.05);
        double z = sigmoid(-0.3 * x + 0.2 + 0.4 * h - 0.05);
        double n = Math.tanh(0.8 * x - 0.1 + r * (-0.6 * h + 0.3));
        double expected = (1 - z) * n + z * h;
        TorchReference.Result out = new TorchReference(TorchCell.GRU, p, 1, false, 1, 1, 0)
                .forward(new double[] {x}, 1, 1, null, new double[] {h}, null);
        assertEquals(expected, out.output()[0], 1e-15);
        assertEquals(expected, out.hn()[0], 1e-15);
    }

    @Test
    void projectedLstmStepIsPyTorchs() {
        Map<String, double[]> p = new LinkedHashMap<>();
        p.put("weight_ih_l0", new double[] {0.5, -0.3, 0.8, 0.1, 0.2, 0.3, -0.4, 0.6}); // [4*2, 1]: i, f, g, o
        p.put("weight_hh_l0", new double[] {0.2, 0.4, -0.6, 0.7, 0.1, -0.2, 0.3, 0.5}); // [4*2, P=1]
        p.put("bias_ih_l0", new double[] {0.1, 0.0, -0.1, 0.2, 0.0, 0.1, 0.05, -0.05});
        p.put("bias_hh_l0", new double[] {0.0, 0.1, 0.1, -0.2, 0.3, 0.0, 0.0, 0.05});
        p.put("weight_hr_l0", new double[] {0.9, -0.7});                                 // [P=1, H=2]
        double x = -0.8, h = 0.4;
        double[] c = {0.3, -0.6};
        double[] m = new double[2];
        double[] c1 = new double[2];
        for (int j = 0; j < 2; j++) {
            double[] wi = p.get("weight_ih_l0"), wh = p.get("weight_hh_l0");
            double[] bi = p.get("bias_ih_l0"), bh = p.get("bias_hh_l0");
            double i = sigmoid(wi[j] * x + bi[j] + wh[j] * h + bh[j]);
            double f = sigmoid(wi[2 + j] * x + bi[2 + j] + wh[2 + j] * h + bh[2 + j]);
            double g = Math.tanh(wi[4 + j] * x + bi[4 + j] + wh[4 + j] * h + bh[4 + j]);
            double o = sigmoid(wi[6 + j] * x + bi[6 + j] + wh[6 + j] * h + bh[6 + j]);
            c1[j] = f * c[j] + i * g;
            m[j] = o * Math.tanh(c1[j]);
        }
        double expected = 0.9 * m[0] - 0.7 * m[1];
        TorchReference.Result out = new TorchReference(TorchCell.LSTM, p, 1, false, 1, 2, 1)
                .forward(new double[] {x}, 1, 1, null, new double[] {h}, c);
        assertEquals(expected, out.output()[0], 1e-15);
        assertEquals(c1[0], out.cn()[0], 1e-15);
        assertEquals(c1[1], out.cn()[1], 1e-15);
    }

    @Test
    void reverseDirectionStartsAtEachSequencesOwnLastStep() {
        Map<String, double[]> p = new LinkedHashMap<>();
        for (String sfx : new String[] {"_l0", "_l0_reverse"}) {
            p.put("weight_ih" + sfx, new double[] {1});
            p.put("weight_hh" + sfx, new double[] {1});
            p.put("bias_ih" + sfx, new double[] {0});
            p.put("bias_hh" + sfx, new double[] {0});
        }
        // relu RNN with unit weights sums its inputs: x = [1, 2, 4] over T = 3 steps, N = 1, length 2.
        TorchReference.Result out = new TorchReference(TorchCell.RNN_RELU, p, 1, true, 1, 1, 0)
                .forward(new double[] {1, 2, 4}, 3, 1, new int[] {2}, null, null);
        assertEquals(2, out.outputSteps());
        assertEquals(List.of(1.0, 3.0, 3.0, 2.0), Arrays.stream(out.output()).boxed().toList());
        assertEquals(3.0, out.hn()[0], "forward h_n after step 2");
        assertEquals(3.0, out.hn()[1], "reverse h_n after step 1 (having started at step 2)");
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
