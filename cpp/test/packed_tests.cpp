// C++ tests of variable lengths: the coarse cuts' invariants, outputs-only (coarse, padded) runs against
// exact ones, and the checks around FINAL_STATES_NONE. One CTest test per function.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "rnn4j.h"
#include "test_support.hpp"
#include "segment_cuts.hpp"

namespace {

using namespace rnn4j_test;

// max |a - b| / max |b|: elements near zero make a per-element relative error meaningless.
double max_norm_error(const std::vector<float>& a, const std::vector<float>& b) {
    double diff = 0, ref = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        diff = std::max(diff, std::fabs(static_cast<double>(a[i]) - b[i]));
        ref = std::max(ref, std::fabs(static_cast<double>(b[i])));
    }
    return ref == 0 ? diff : diff / ref;
}

void coarse_cuts_cover_every_real_step() {
    std::mt19937 gen(3);
    for (int trial = 0; trial < 200; ++trial) {
        const int64_t T = 1 + static_cast<int64_t>(gen() % 90), N = 1 + static_cast<int64_t>(gen() % 70);
        std::vector<int64_t> length(static_cast<size_t>(N));
        for (auto& l : length) l = 1 + static_cast<int64_t>(gen() % T);
        std::sort(length.begin(), length.end(), std::greater<int64_t>());
        const rnn4j::SegmentCost cost{static_cast<double>(gen() % 20), static_cast<double>(gen() % 100)};
        const std::vector<rnn4j::Cut> cuts = rnn4j::coarse_cuts(length, cost);
        const std::string what = "trial " + std::to_string(trial) + " T=" + std::to_string(T) + " N=" + std::to_string(N);
        int64_t t = 0, previous = N;
        for (const rnn4j::Cut& c : cuts) {
            const int64_t alive = std::count_if(length.begin(), length.end(), [&](int64_t l) { return l > c.t0; });
            expect(c.t0 == t && c.steps > 0, what + ": cuts are contiguous");
            expect(c.batch >= alive && c.batch <= previous, what + ": a cut runs every sequence alive at its start");
            previous = c.batch;
            t += c.steps;
        }
        expect(!cuts.empty() && cuts.front().batch == N, what + ": the first cut runs the whole batch");
        expect(t == length.front(), what + ": the cuts end at the longest length");
    }
}

struct Run {
    std::vector<float> y, dx, dwl, dwi, db, dh0, dc0;
};

// A training forward and backward of `desc` with `lengths`, from random initial states.
Run run(const rnn4j::RnnDesc& desc, int64_t T, int64_t N, const std::vector<int32_t>& lengths, int final_states) {
    const bool lstm = desc.cell == rnn4j::CELL_LSTM;
    const int64_t G = lstm ? 4 : (desc.cell == rnn4j::CELL_GRU || desc.cell == rnn4j::CELL_LBR_GRU ? 3 : 1);
    const int64_t Gb = desc.cell == rnn4j::CELL_LBR_GRU ? 4 : G, H = desc.hidden_size, I = desc.input_size;
    const int64_t D = desc.direction == rnn4j::DIRECTION_BIDIRECTIONAL_CONCAT ||
                              desc.direction == rnn4j::DIRECTION_BIDIRECTIONAL_SUM ? 2 : 1;
    const int64_t O = desc.direction == rnn4j::DIRECTION_BIDIRECTIONAL_CONCAT ? 2 * H : H, L = desc.layers;
    auto x = random_vector(static_cast<size_t>(T * N * I), 1);
    auto wl = random_vector(static_cast<size_t>(D * I * G * H + (L - 1) * D * O * G * H), 2);
    auto wi = random_vector(static_cast<size_t>(L * D * H * G * H), 3);
    auto b = random_vector(static_cast<size_t>(L * D * Gb * H), 4);
    auto dy = random_vector(static_cast<size_t>(T * N * O), 5);
    auto h0 = random_vector(static_cast<size_t>(L * D * N * H), 6), c0 = random_vector(h0.size(), 7);
    Run r;
    r.y.resize(static_cast<size_t>(T * N * O));
    r.dx.resize(x.size());
    r.dwl.resize(wl.size());
    r.dwi.resize(wi.size());
    r.db.resize(b.size());
    r.dh0.resize(h0.size());
    r.dc0.resize(lstm ? c0.size() : 0);
    rnn4j::RnnKernel kernel(desc);
    std::vector<char> ws(static_cast<size_t>(kernel.workspace_bytes(T, N, lengths.data(), final_states)));
    rnn4j::RnnData d;
    d.steps = T;
    d.batch = N;
    d.lengths = lengths.data();
    d.final_states = final_states;
    d.src_layer = x.data();
    d.src_iter = h0.data();
    d.src_iter_c = lstm ? c0.data() : nullptr;
    d.weights_layer = wl.data();
    d.weights_iter = wi.data();
    d.bias = b.data();
    d.dst_layer = r.y.data();
    d.workspace = ws.data();
    d.workspace_size = static_cast<int64_t>(ws.size());
    d.diff_dst_layer = dy.data();
    d.diff_src_layer = r.dx.data();
    d.diff_src_iter = r.dh0.data();
    d.diff_src_iter_c = lstm ? r.dc0.data() : nullptr;
    d.diff_weights_layer = r.dwl.data();
    d.diff_weights_iter = r.dwi.data();
    d.diff_bias = r.db.data();
    kernel.forward(rnn4j::PROPAGATION_TRAINING, d);
    kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d);
    return r;
}

// Tolerance 1e-5 (max-norm relative): the same sums in f32 in another order (padded rows add exact zeros).
void outputs_only_lstm_matches_exact() {
    const rnn4j::RnnDirection directions[] = {rnn4j::DIRECTION_LEFT_TO_RIGHT, rnn4j::DIRECTION_RIGHT_TO_LEFT,
                                              rnn4j::DIRECTION_BIDIRECTIONAL_CONCAT, rnn4j::DIRECTION_BIDIRECTIONAL_SUM};
    const int64_t shapes[][4] = {{9, 5, 3, 4}, {33, 21, 6, 5}};  // T, N, I, H
    std::mt19937 gen(11);
    for (const auto& shape : shapes) {
        for (rnn4j::RnnDirection direction : directions) {
            for (int64_t layers = 1; layers <= 2; ++layers) {
                const int64_t T = shape[0], N = shape[1];
                rnn4j::RnnDesc desc;
                desc.cell = rnn4j::CELL_LSTM;
                desc.direction = direction;
                desc.layers = layers;
                desc.input_size = shape[2];
                desc.hidden_size = shape[3];
                std::vector<int32_t> lengths(static_cast<size_t>(N));
                for (auto& l : lengths) l = 1 + static_cast<int32_t>(gen() % T);
                lengths[static_cast<size_t>(N / 2)] = static_cast<int32_t>(T);
                const Run coarse = run(desc, T, N, lengths, rnn4j::FINAL_STATES_NONE);
                const Run exact = run(desc, T, N, lengths, rnn4j::FINAL_STATES_ALL);
                const std::string what = "T=" + std::to_string(T) + " N=" + std::to_string(N) + " direction " +
                                         std::to_string(direction) + " layers " + std::to_string(layers) + ": ";
                const std::pair<const char*, std::pair<const std::vector<float>*, const std::vector<float>*>> parts[] = {
                    {"output", {&coarse.y, &exact.y}},         {"input gradient", {&coarse.dx, &exact.dx}},
                    {"dW_layer", {&coarse.dwl, &exact.dwl}},   {"dW_iter", {&coarse.dwi, &exact.dwi}},
                    {"dbias", {&coarse.db, &exact.db}},        {"dh0", {&coarse.dh0, &exact.dh0}},
                    {"dc0", {&coarse.dc0, &exact.dc0}}};
                for (const auto& p : parts) {
                    const double err = max_norm_error(*p.second.first, *p.second.second);
                    expect(err <= 1e-5, what + p.first + " error " + std::to_string(err) + " > 1e-5");
                }
            }
        }
    }
}

void outputs_only_refuses_final_states() {
    rnn4j::RnnDesc desc;
    desc.input_size = 2;
    desc.hidden_size = 3;
    rnn4j::RnnKernel kernel(desc);
    const int64_t T = 4, N = 2;
    std::vector<int32_t> lengths{4, 2};
    std::vector<float> x(T * N * 2), w1(2 * 4 * 3), w2(3 * 4 * 3), b(4 * 3), y(T * N * 3), h(N * 3), dy(y.size());
    std::vector<char> ws(static_cast<size_t>(std::max(kernel.workspace_bytes(T, N, lengths.data(), rnn4j::FINAL_STATES_NONE),
                                                      kernel.workspace_bytes(T, N, lengths.data(), rnn4j::FINAL_STATES_ALL))));
    rnn4j::RnnData d;
    d.steps = T;
    d.batch = N;
    d.lengths = lengths.data();
    d.src_layer = x.data();
    d.weights_layer = w1.data();
    d.weights_iter = w2.data();
    d.bias = b.data();
    d.dst_layer = y.data();
    d.workspace = ws.data();
    d.workspace_size = static_cast<int64_t>(ws.size());
    d.diff_dst_layer = dy.data();
    d.final_states = 5;
    expect_invalid([&] { kernel.forward(rnn4j::PROPAGATION_TRAINING, d); }, "final_states must be 0");
    expect_invalid([&] { kernel.workspace_bytes(T, N, lengths.data(), 5); }, "final_states must be 0");
    d.final_states = rnn4j::FINAL_STATES_NONE;
    d.dst_iter = h.data();
    expect_invalid([&] { kernel.forward(rnn4j::PROPAGATION_TRAINING, d); }, "dst_iter must be null");
    d.dst_iter = nullptr;
    kernel.forward(rnn4j::PROPAGATION_TRAINING, d);
    d.diff_dst_iter = h.data();
    expect_invalid([&] { kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d); }, "diff_dst_iter must be null");
    d.diff_dst_iter = nullptr;
    d.final_states = rnn4j::FINAL_STATES_ALL;  // not what the forward ran with
    expect_invalid([&] { kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d); }, "same lengths and final_states");
    d.final_states = rnn4j::FINAL_STATES_NONE;
    kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d);
}

}  // namespace

int main(int argc, char** argv) {
    return rnn4j_test::run_tests(argc, argv, {
        {"coarse_cuts_cover_every_real_step", coarse_cuts_cover_every_real_step},
        {"outputs_only_lstm_matches_exact", outputs_only_lstm_matches_exact},
        {"outputs_only_refuses_final_states", outputs_only_refuses_final_states},
    });
}
