#include "reference_lstm.hpp"

#include <cmath>

namespace rnn4j_test {

namespace {
double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }
}  // namespace

void reference_lstm(int64_t T, int64_t N, int64_t I, int64_t H, const std::vector<float>& x,
                    const std::vector<float>& h0, const std::vector<float>& c0, const std::vector<float>& wx,
                    const std::vector<float>& wh, const std::vector<float>& b, std::vector<float>& y,
                    std::vector<float>& hn, std::vector<float>& cn) {
    std::vector<double> h(h0.begin(), h0.end()), c(c0.begin(), c0.end()), gates(4 * H);
    y.assign(T * N * H, 0.0f);
    for (int64_t t = 0; t < T; ++t) {
        std::vector<double> next_h(N * H);
        for (int64_t n = 0; n < N; ++n) {
            for (int64_t g = 0; g < 4; ++g) {
                for (int64_t j = 0; j < H; ++j) {
                    double z = b[g * H + j];
                    for (int64_t k = 0; k < I; ++k) z += x[(t * N + n) * I + k] * wx[(k * 4 + g) * H + j];
                    for (int64_t k = 0; k < H; ++k) z += h[n * H + k] * wh[(k * 4 + g) * H + j];
                    gates[g * H + j] = z;
                }
            }
            for (int64_t j = 0; j < H; ++j) {  // gate order i, f, c~, o
                double i = sigmoid(gates[j]), f = sigmoid(gates[H + j]), cc = std::tanh(gates[2 * H + j]),
                       o = sigmoid(gates[3 * H + j]);
                c[n * H + j] = f * c[n * H + j] + i * cc;
                next_h[n * H + j] = o * std::tanh(c[n * H + j]);
                y[(t * N + n) * H + j] = static_cast<float>(next_h[n * H + j]);
            }
        }
        h = next_h;
    }
    hn.assign(h.begin(), h.end());
    cn.assign(c.begin(), c.end());
}

}  // namespace rnn4j_test
