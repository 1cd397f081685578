// C++ tests of PRECISION_BF16: every cell oneDNN runs in bf16, against the same network in f32.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "rnn4j.h"
#include "test_support.hpp"
#include "rnn4j_ops.h"

namespace {

using namespace rnn4j_test;

/** ||a - b|| / ||b|| (Euclidean norms). */
double relative_error(const std::vector<float>& a, const std::vector<float>& b) {
    double diff = 0, ref = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        diff += (static_cast<double>(a[i]) - b[i]) * (static_cast<double>(a[i]) - b[i]);
        ref += static_cast<double>(b[i]) * b[i];
    }
    return std::sqrt(diff) / std::max(std::sqrt(ref), 1e-30);
}

struct Case {
    rnn4j::CellKind cell;
    rnn4j::RnnDirection direction;
    int64_t layers, input, hidden, steps, batch;
    int peephole;
    bool lengths;
    bool positive = false;  // data whose pre-activations are provably > 0 (see relu_gradients_match_f32)
};

std::string name_of(const Case& c) {
    return "cell " + std::to_string(c.cell) + " direction " + std::to_string(c.direction) + " layers " +
           std::to_string(c.layers) + " T=" + std::to_string(c.steps) + " N=" + std::to_string(c.batch) +
           " I=" + std::to_string(c.input) + " H=" + std::to_string(c.hidden) + (c.peephole ? " peephole" : "") +
           (c.lengths ? " variable lengths" : "");
}

/** Every output and gradient of one training forward + backward, by name. */
std::map<std::string, std::vector<float>> train_once(const Case& c, rnn4j::Precision precision) {
    rnn4j::RnnDesc desc;
    desc.cell = c.cell;
    desc.direction = c.direction;
    desc.layers = c.layers;
    desc.input_size = c.input;
    desc.hidden_size = c.hidden;
    desc.peephole = c.peephole;
    desc.precision = precision;
    rnn4j::RnnKernel kernel(desc);
    const bool lstm = c.cell == rnn4j::CELL_LSTM;
    const int64_t D = c.direction >= rnn4j::DIRECTION_BIDIRECTIONAL_CONCAT ? 2 : 1, H = c.hidden, L = c.layers,
                  T = c.steps, N = c.batch, I = c.input;
    const int64_t G = lstm ? 4 : (c.cell == rnn4j::CELL_GRU || c.cell == rnn4j::CELL_LBR_GRU) ? 3 : 1;
    const int64_t Gb = c.cell == rnn4j::CELL_LBR_GRU ? 4 : G;
    const int64_t O = c.direction == rnn4j::DIRECTION_BIDIRECTIONAL_CONCAT ? 2 * H : H;
    const size_t states = static_cast<size_t>(L * D * N * H);
    std::vector<int32_t> lengths(static_cast<size_t>(N));
    for (int64_t n = 0; n < N; ++n) lengths[static_cast<size_t>(n)] = static_cast<int32_t>(T - (n * 3) % T);
    auto x = random_vector(T * N * I, 1), h0 = random_vector(states, 2), c0 = random_vector(states, 3);
    auto wx = random_vector(D * I * G * H + (L - 1) * D * O * G * H, 4, c.positive ? 0.01f : 0.3f),
         wh = random_vector(L * D * H * G * H, 5, c.positive ? 0.005f : 0.3f), b = random_vector(L * D * Gb * H, 6),
         wp = random_vector(L * D * 3 * H, 7), dy = random_vector(T * N * O, 8), dhn = random_vector(states, 9),
         dcn = random_vector(states, 10);
    if (c.positive) {
        for (float& e : b) e += 1.75f;  // in [1.25, 2.25]
    }
    std::map<std::string, std::vector<float>> r;
    r["dst_layer"].resize(T * N * O);
    r["dst_iter"].resize(states);
    r["diff_src_layer"].resize(x.size());
    r["diff_src_iter"].resize(states);
    r["diff_weights_layer"].resize(wx.size());
    r["diff_weights_iter"].resize(wh.size());
    r["diff_bias"].resize(b.size());
    if (lstm) {
        r["dst_iter_c"].resize(states);
        r["diff_src_iter_c"].resize(states);
    }
    if (c.peephole) {
        r["diff_weights_peephole"].resize(wp.size());
    }
    rnn4j::RnnData d;
    d.steps = T;
    d.batch = N;
    d.lengths = c.lengths ? lengths.data() : nullptr;
    std::vector<char> ws(static_cast<size_t>(kernel.workspace_bytes(T, N, d.lengths)));
    d.src_layer = x.data();
    d.src_iter = h0.data();
    d.src_iter_c = lstm ? c0.data() : nullptr;
    d.weights_layer = wx.data();
    d.weights_iter = wh.data();
    d.weights_peephole = c.peephole ? wp.data() : nullptr;
    d.bias = b.data();
    d.dst_layer = r["dst_layer"].data();
    d.dst_iter = r["dst_iter"].data();
    d.dst_iter_c = lstm ? r["dst_iter_c"].data() : nullptr;
    d.workspace = ws.data();
    d.workspace_size = static_cast<int64_t>(ws.size());
    d.diff_dst_layer = dy.data();
    d.diff_dst_iter = dhn.data();
    d.diff_dst_iter_c = lstm ? dcn.data() : nullptr;
    d.diff_src_layer = r["diff_src_layer"].data();
    d.diff_src_iter = r["diff_src_iter"].data();
    d.diff_src_iter_c = lstm ? r["diff_src_iter_c"].data() : nullptr;
    d.diff_weights_layer = r["diff_weights_layer"].data();
    d.diff_weights_iter = r["diff_weights_iter"].data();
    d.diff_weights_peephole = c.peephole ? r["diff_weights_peephole"].data() : nullptr;
    d.diff_bias = r["diff_bias"].data();
    kernel.forward(rnn4j::PROPAGATION_TRAINING, d);
    kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d);
    return r;
}

// The bound: bf16 keeps 8 significant bits, so each rounded operand (input, state, weight) is off by at most
// 2^-9 = 2.0e-3 relative; products accumulate in f32, and the errors of thousands of terms add in norm
// (mostly cancelling). 1e-2 (five roundings' worth) is the bound for outputs and gradients alike.
constexpr double kBound = 1e-2;

double worst_seen = 0;  // printed at the end of each test, for the record

void compare(const Case& c, bool outputs_only = false) {
    const auto f32 = train_once(c, rnn4j::PRECISION_F32);
    const auto bf16 = train_once(c, rnn4j::PRECISION_BF16);
    for (const auto& [name, reference] : f32) {
        if (outputs_only && name.rfind("dst_", 0) != 0) {
            continue;
        }
        const double e = relative_error(bf16.at(name), reference);
        worst_seen = std::max(worst_seen, e);
        expect(e <= kBound, name_of(c) + ": " + name + " in bf16 within " + std::to_string(kBound) +
                                " of f32 (norm-wise), got " + std::to_string(e));
    }
}

void bf16_matches_f32() {
    if (!rnn4j::bf16_supported()) {
        std::printf("skipped: oneDNN's CPU ISA %s has no avx512_core_bf16\n", rnn4j::cpu_isa_name());
        return;
    }
    using namespace rnn4j;
    const CellKind cells[] = {CELL_RNN_TANH, CELL_RNN_RELU, CELL_RNN_SIGMOID, CELL_LSTM, CELL_GRU, CELL_LBR_GRU};
    const RnnDirection directions[] = {DIRECTION_LEFT_TO_RIGHT, DIRECTION_RIGHT_TO_LEFT,
                                       DIRECTION_BIDIRECTIONAL_CONCAT, DIRECTION_BIDIRECTIONAL_SUM};
    for (CellKind cell : cells) {
        for (RnnDirection direction : directions) {
            for (int64_t layers = 1; layers <= 2; ++layers) {
                for (bool lengths : {false, true}) {
                    // ReLU's gradients: see relu_gradients_match_f32.
                    compare(Case{cell, direction, layers, 12, 16, 7, 5, 0, lengths}, cell == CELL_RNN_RELU);
                }
            }
        }
    }
    compare(Case{CELL_LSTM, DIRECTION_LEFT_TO_RIGHT, 2, 64, 64, 20, 16, 0, false});
    compare(Case{CELL_LBR_GRU, DIRECTION_BIDIRECTIONAL_CONCAT, 1, 32, 48, 15, 9, 0, true});
    compare(Case{CELL_LSTM, DIRECTION_LEFT_TO_RIGHT, 1, 12, 16, 7, 5, 1, false});
    compare(Case{CELL_LSTM, DIRECTION_BIDIRECTIONAL_SUM, 2, 12, 16, 7, 5, 1, true});
}

// ReLU's derivative jumps at 0: a pre-activation that bf16 rounding moves across 0 flips a whole entry of the
// gradient, and one flip among the T*N*H = 560 entries of a small test is already ~4 % of the gradient's norm
// (random data showed 2-10 %). So ReLU's gradients are compared on data whose pre-activations are provably > 0:
// bias in [1.25, 2.25], |W_layer| <= 0.01, |W_iter| <= 0.005. Layer 0: |W x| <= 12 * 0.01 * 0.5 = 0.06 and
// h <= (2.25 + 0.06) / (1 - 16 * 0.005) = 2.51 (so |W_iter h| <= 0.2, also for |h0| <= 0.5); layer 1 reads
// at most 32 inputs <= 2.51: |W x| <= 0.81, h <= 3.33, |W_iter h| <= 0.27. Every pre-activation is >= 1.25 - 0.81
// - 0.27 > 0.17, far beyond bf16's rounding of it (2^-9 relative).
void relu_gradients_match_f32() {
    if (!rnn4j::bf16_supported()) {
        std::printf("skipped: oneDNN's CPU ISA %s has no avx512_core_bf16\n", rnn4j::cpu_isa_name());
        return;
    }
    using namespace rnn4j;
    const RnnDirection directions[] = {DIRECTION_LEFT_TO_RIGHT, DIRECTION_RIGHT_TO_LEFT,
                                       DIRECTION_BIDIRECTIONAL_CONCAT, DIRECTION_BIDIRECTIONAL_SUM};
    for (RnnDirection direction : directions) {
        for (int64_t layers = 1; layers <= 2; ++layers) {
            for (bool lengths : {false, true}) {
                compare(Case{CELL_RNN_RELU, direction, layers, 12, 16, 7, 5, 0, lengths, true});
            }
        }
    }
}

// The linear layer (the language model's head) in bf16 against f32: y, dx, dW (overwritten, then accumulated)
// and db, bound as above (each product rounds two operands; sums are f32).
void linear_bf16_matches_f32() {
    if (!rnn4j::bf16_supported()) {
        std::printf("skipped: oneDNN's CPU ISA %s has no avx512_core_bf16\n", rnn4j::cpu_isa_name());
        return;
    }
    const int64_t shapes[][3] = {{1, 1, 1}, {7, 5, 3}, {64, 256, 65}, {100, 32, 128}};  // M, K, O
    for (const auto& shape : shapes) {
        const int64_t M = shape[0], K = shape[1], O = shape[2];
        auto x = random_vector(M * K, 21), w = random_vector(O * K, 22), b = random_vector(O, 23),
             dy = random_vector(M * O, 24);
        std::map<std::string, std::vector<float>> r[2];
        for (int p = 0; p < 2; ++p) {
            rnn4j::LinearKernel kernel(K, O, p == 0 ? rnn4j::PRECISION_F32 : rnn4j::PRECISION_BF16);
            auto& out = r[p];
            out["y"].resize(M * O);
            out["dx"].resize(M * K);
            out["dW"].resize(O * K);
            out["db"].resize(O);
            kernel.forward(M, x.data(), w.data(), b.data(), out["y"].data());
            kernel.backward(rnn4j::GRADIENTS_OVERWRITE, M, x.data(), w.data(), dy.data(), out["dx"].data(),
                            out["dW"].data(), out["db"].data());
            out["dW twice"] = out["dW"];
            kernel.backward(rnn4j::GRADIENTS_ACCUMULATE, M, x.data(), w.data(), dy.data(), nullptr,
                            out["dW twice"].data(), nullptr);
        }
        for (const auto& [name, reference] : r[0]) {
            const double e = relative_error(r[1].at(name), reference);
            worst_seen = std::max(worst_seen, e);
            expect(e <= kBound, "linear M=" + std::to_string(M) + " K=" + std::to_string(K) + " O=" +
                                    std::to_string(O) + ": " + name + " in bf16 within 1e-2 of f32, got " +
                                    std::to_string(e));
        }
        expect(relative_error(r[1]["dW"], r[0]["dW"]) > 0 || M * K == 1, "bf16 differs from f32 (it ran in bf16)");
    }
}

void bf16_refusals() {
    rnn4j::RnnDesc projection;
    projection.input_size = 4;
    projection.hidden_size = 8;
    projection.projection_size = 3;
    projection.precision = rnn4j::PRECISION_BF16;
    expect_invalid([&] { rnn4j::RnnKernel k(projection); }, "does not support projection LSTM");
    rnn4j::RnnDesc bad;
    bad.input_size = 4;
    bad.hidden_size = 8;
    bad.precision = static_cast<rnn4j::Precision>(7);
    expect_invalid([&] { rnn4j::RnnKernel k(bad); }, "RnnDesc.precision must be 0 (f32) or 1 (bf16), got 7");
    const char* capped = std::getenv("ONEDNN_MAX_CPU_ISA");
    if (capped != nullptr && std::string(capped) == "AVX2") {
        expect(rnn4j::bf16_supported() == 0, "no bf16 with oneDNN's ISA capped at AVX2");
        expect(std::string(rnn4j::cpu_isa_name()) == "avx2",
               std::string("oneDNN's ISA capped at AVX2 is named avx2, got ") + rnn4j::cpu_isa_name());
    }
    expect_invalid([] { rnn4j::LinearKernel k(3, 4, static_cast<rnn4j::Precision>(5)); },
                   "precision must be 0 (f32) or 1 (bf16), got 5");
    if (!rnn4j::bf16_supported()) {
        expect_invalid([] { rnn4j::LinearKernel k(3, 4, rnn4j::PRECISION_BF16); },
                       "the linear kernel in bf16 needs the CPU feature avx512_core_bf16");
        rnn4j::RnnDesc plain;
        plain.input_size = 4;
        plain.hidden_size = 8;
        plain.precision = rnn4j::PRECISION_BF16;
        expect_invalid([&] { rnn4j::RnnKernel k(plain); }, "needs the CPU feature avx512_core_bf16");
    }
}

}  // namespace

int main(int argc, char** argv) {
    return rnn4j_test::run_tests(argc, argv, {
        {"bf16_matches_f32", bf16_matches_f32},
        {"bf16_refusals", bf16_refusals},
        {"relu_gradients_match_f32", relu_gradients_match_f32},
        {"linear_bf16_matches_f32", linear_bf16_matches_f32},
    }, [] {
        char text[64];
        std::snprintf(text, sizeof text, " (worst bf16/f32 relative error so far %.2e)", worst_seen);
        return std::string(text);
    });
}
