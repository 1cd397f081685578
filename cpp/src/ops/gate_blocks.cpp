// PyTorch gate row blocks <-> oneDNN ldigo (rnn4j_layout.h): a tiled transpose per gate block.
#include <algorithm>
#include <vector>

#include "errors.hpp"
#include "op_checks.hpp"
#include "rnn4j.h"
#include "rnn4j_layout.h"

namespace rnn4j {

namespace {

constexpr int64_t kTile = 32;  // 32 x 32 floats: both sides of a tile stay in L1

void check_layout(int64_t gates, int64_t hidden, int64_t inputs, const int32_t* torch_gate_of, const void* from,
                  const void* to) {
    check_positive(gates, "gates");
    checked_elements(checked_elements(gates, "gates", hidden, "hidden"), "gates * hidden", inputs, "inputs");
    check_not_null(torch_gate_of, "torch_gate_of", "[gates] PyTorch gate block of each oneDNN gate");
    check_not_null(from, "source", "the values to convert");
    check_not_null(to, "target", "where the converted values go");
    std::vector<bool> seen(static_cast<size_t>(gates), false);
    for (int64_t g = 0; g < gates; ++g) {
        const int32_t t = torch_gate_of[g];
        check_arg(t >= 0 && t < gates && !seen[static_cast<size_t>(t)], "torch_gate_of must be a permutation of 0..",
                  gates - 1, ", got ", t, " at ", g);
        seen[static_cast<size_t>(t)] = true;
    }
}

/** Visits every (k, j) of one gate block, tile by tile: f(k, j). */
template <typename F>
void tiled(int64_t inputs, int64_t hidden, F&& f) {
    for (int64_t k0 = 0; k0 < inputs; k0 += kTile) {
        const int64_t k1 = std::min(inputs, k0 + kTile);
        for (int64_t j0 = 0; j0 < hidden; j0 += kTile) {
            const int64_t j1 = std::min(hidden, j0 + kTile);
            for (int64_t k = k0; k < k1; ++k) {
                for (int64_t j = j0; j < j1; ++j) {
                    f(k, j);
                }
            }
        }
    }
}

}  // namespace

void torch_to_ldigo(int64_t gates, int64_t hidden, int64_t inputs, const int32_t* torch_gate_of, const float* torch,
                    float* ldigo) {
    check_layout(gates, hidden, inputs, torch_gate_of, torch, ldigo);
    for (int64_t g = 0; g < gates; ++g) {
        const float* block = torch + static_cast<int64_t>(torch_gate_of[g]) * hidden * inputs;  // [H, K]
        tiled(inputs, hidden, [&](int64_t k, int64_t j) { ldigo[(k * gates + g) * hidden + j] = block[j * inputs + k]; });
    }
}

void ldigo_to_torch(int64_t gates, int64_t hidden, int64_t inputs, const int32_t* torch_gate_of, const float* ldigo,
                    float* torch, int gradient_mode) {
    check_layout(gates, hidden, inputs, torch_gate_of, ldigo, torch);
    check_gradient_mode(gradient_mode);
    const bool add = gradient_mode == GRADIENTS_ACCUMULATE;
    for (int64_t g = 0; g < gates; ++g) {
        float* block = torch + static_cast<int64_t>(torch_gate_of[g]) * hidden * inputs;  // [H, K]
        tiled(inputs, hidden, [&](int64_t k, int64_t j) {
            const float v = ldigo[(k * gates + g) * hidden + j];
            block[j * inputs + k] = add ? block[j * inputs + k] + v : v;
        });
    }
}

}  // namespace rnn4j
