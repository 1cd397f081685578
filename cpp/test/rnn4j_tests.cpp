// C++ tests of librnn4j, one CTest test per function (the thorough checks live in the Java tests).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "reference_lstm.hpp"
#include "rnn4j.h"
#include "test_support.hpp"

namespace {

using namespace rnn4j_test;

double max_relative_error(const std::vector<float>& a, const std::vector<float>& b) {
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        double err = std::fabs(a[i] - b[i]) / std::max(1e-3, std::fabs(static_cast<double>(b[i])));
        worst = std::max(worst, err);
    }
    return worst;
}

std::string sci(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2e", v);
    return text;
}

// Largest |a - b| - (atol + rtol * |b|) over all elements: <= 0 when a matches b within the bound.
double worst_excess(const std::vector<float>& a, const std::vector<float>& b, double atol, double rtol) {
    double worst = -atol;
    for (size_t i = 0; i < a.size(); ++i) {
        double ref = b[i];
        worst = std::max(worst, std::fabs(a[i] - ref) - (atol + rtol * std::fabs(ref)));
    }
    return worst;
}

void lstm_forward_matches_reference() {
    const int64_t shapes[][4] = {{1, 1, 3, 2}, {5, 3, 4, 6}, {7, 2, 8, 8}};  // T, N, I, H
    for (const auto& s : shapes) {
        const int64_t T = s[0], N = s[1], I = s[2], H = s[3];
        rnn4j::RnnDesc desc;
        desc.cell = rnn4j::CELL_LSTM;
        desc.input_size = I;
        desc.hidden_size = H;
        rnn4j::RnnKernel kernel(desc);
        auto x = random_vector(T * N * I, 1), h0 = random_vector(N * H, 2), c0 = random_vector(N * H, 3);
        auto wx = random_vector(I * 4 * H, 4), wh = random_vector(H * 4 * H, 5), b = random_vector(4 * H, 6);
        std::vector<float> y(T * N * H), hn(N * H), cn(N * H), ry, rhn, rcn;
        rnn4j::RnnData d;
        d.steps = T;
        d.batch = N;
        d.src_layer = x.data();
        d.src_iter = h0.data();
        d.src_iter_c = c0.data();
        d.weights_layer = wx.data();
        d.weights_iter = wh.data();
        d.bias = b.data();
        d.dst_layer = y.data();
        d.dst_iter = hn.data();
        d.dst_iter_c = cn.data();
        kernel.forward(rnn4j::PROPAGATION_INFERENCE, d);
        rnn4j_test::reference_lstm(T, N, I, H, x, h0, c0, wx, wh, b, ry, rhn, rcn);
        // The bound (worst case, elementwise |a - b| <= atol + rtol * |b|): oneDNN runs in f32 (unit roundoff
        // u = 2^-24), the reference in double; the order of the sums differs between CPUs (AVX2, AVX-512, NEON).
        // Absolute part: a gate pre-activation sums K = I + H + 1 products (bias included), so its f32 error is
        // at most K * u * sum|w * v| (the dot-product bound gamma_K; Higham, Accuracy and Stability of Numerical
        // Algorithms, 3.1); with |w|, |x|, |h0|, |b| <= 0.5 and |h| < 1, sum|w * v| <= K / 2: e = K * K * u / 2.
        // sigmoid and tanh have slope <= 1. c_t = f * c_{t-1} + i * g with |c_t| <= 1/2 + t adds at most
        // (T + 5/2) * e per step and h = o * tanh(c) passes it on, so after T steps |error| <= T * (T + 3) * e.
        // Relative part: oneDNN's vectorised exp and tanh, 16 ulp (16 u).
        const double u = std::ldexp(1.0, -24);
        const double K = static_cast<double>(I + H + 1);
        const double atol = static_cast<double>(T) * static_cast<double>(T + 3) * K * K * u / 2, rtol = 16 * u;
        std::string shape = "T=" + std::to_string(T) + " N=" + std::to_string(N) + " (atol " + sci(atol) + ", rtol " + sci(rtol) +
                            ", excess ";
        double ey = worst_excess(y, ry, atol, rtol), eh = worst_excess(hn, rhn, atol, rtol),
               ec = worst_excess(cn, rcn, atol, rtol);
        expect(ey <= 0, "LSTM output matches the reference, " + shape + sci(ey) + ")");
        expect(eh <= 0, "LSTM h_n matches the reference, " + shape + sci(eh) + ")");
        expect(ec <= 0, "LSTM c_n matches the reference, " + shape + sci(ec) + ")");
    }
}

void lstm_backward_runs_and_overwrites() {
    const int64_t T = 4, N = 2, I = 3, H = 5;
    rnn4j::RnnDesc desc;
    desc.input_size = I;
    desc.hidden_size = H;
    rnn4j::RnnKernel kernel(desc);
    auto x = random_vector(T * N * I, 11), wx = random_vector(I * 4 * H, 12), wh = random_vector(H * 4 * H, 13),
         b = random_vector(4 * H, 14), dy = random_vector(T * N * H, 15);
    std::vector<float> y(T * N * H), dx(T * N * I), dwx(wx.size(), 7.0f), dwh(wh.size(), 7.0f), db(b.size(), 7.0f);
    std::vector<char> ws(static_cast<size_t>(kernel.workspace_bytes(T, N, nullptr)));
    rnn4j::RnnData d;
    d.steps = T;
    d.batch = N;
    d.src_layer = x.data();
    d.weights_layer = wx.data();
    d.weights_iter = wh.data();
    d.bias = b.data();
    d.dst_layer = y.data();
    d.workspace = ws.data();
    d.workspace_size = static_cast<int64_t>(ws.size());
    d.diff_dst_layer = dy.data();
    d.diff_src_layer = dx.data();
    d.diff_weights_layer = dwx.data();
    d.diff_weights_iter = dwh.data();
    d.diff_bias = db.data();
    kernel.forward(rnn4j::PROPAGATION_TRAINING, d);
    kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d);
    std::vector<float> first = dwx;
    kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d);
    expect(max_relative_error(dwx, first) < 1e-6, "overwrite mode ignores previous gradient contents");
    kernel.backward(rnn4j::GRADIENTS_ACCUMULATE, d);
    std::vector<float> twice(first.size());
    for (size_t i = 0; i < first.size(); ++i) twice[i] = 2 * first[i];
    expect(max_relative_error(dwx, twice) < 1e-5, "accumulate mode adds to the gradient");

    // dL/dx of L = sum(y * dy) against central differences (float: loose tolerance; Java checks in depth).
    const float eps = 1e-2f;
    for (size_t i = 0; i < x.size(); i += 5) {
        auto probe = [&](float delta) {
            std::vector<float> xp = x, yp(y.size());
            xp[i] += delta;
            rnn4j::RnnData p = d;
            p.src_layer = xp.data();
            p.dst_layer = yp.data();
            kernel.forward(rnn4j::PROPAGATION_INFERENCE, p);
            double loss = 0;
            for (size_t k = 0; k < yp.size(); ++k) loss += yp[k] * dy[k];
            return loss;
        };
        double numeric = (probe(eps) - probe(-eps)) / (2 * eps);
        expect(std::fabs(numeric - dx[i]) < 2e-3 + 2e-2 * std::fabs(numeric),
               "dx[" + std::to_string(i) + "] analytic " + std::to_string(dx[i]) + " vs numeric " +
                   std::to_string(numeric));
    }
}

void rejects_bad_arguments() {
    rnn4j::RnnDesc gru;
    gru.cell = rnn4j::CELL_GRU;
    gru.input_size = 3;
    gru.hidden_size = 4;
    gru.projection_size = 2;
    expect_invalid([&] { rnn4j::RnnKernel k(gru); }, "projection_size is only supported for LSTM");
    rnn4j::RnnDesc zero;
    zero.input_size = 3;
    expect_invalid([&] { rnn4j::RnnKernel k(zero); }, "hidden_size must be > 0, got 0");
    rnn4j::RnnDesc bad_cell;  // a C caller can still cast any int to the enums
    bad_cell.input_size = 3;
    bad_cell.hidden_size = 4;
    bad_cell.cell = static_cast<rnn4j::CellKind>(9);
    expect_invalid([&] { rnn4j::RnnKernel k(bad_cell); }, "RnnDesc.cell must be in [0, 5], got 9");
    rnn4j::RnnDesc bad_direction;
    bad_direction.input_size = 3;
    bad_direction.hidden_size = 4;
    bad_direction.direction = static_cast<rnn4j::RnnDirection>(-1);
    expect_invalid([&] { rnn4j::RnnKernel k(bad_direction); }, "RnnDesc.direction must be in [0, 3], got -1");
    rnn4j::RnnDesc lstm;
    lstm.input_size = 3;
    lstm.hidden_size = 4;
    rnn4j::RnnKernel kernel(lstm);
    rnn4j::RnnData d;
    d.steps = 2;
    d.batch = 0;
    expect_invalid([&] { kernel.forward(rnn4j::PROPAGATION_INFERENCE, d); }, "batch must be > 0, got 0");
    d.batch = 1;
    expect_invalid([&] { kernel.forward(rnn4j::PROPAGATION_INFERENCE, d); }, "src_layer must not be null");
    expect_invalid([&] { kernel.forward(static_cast<rnn4j::RnnPropagation>(7), d); }, "propagation must be");
}

void every_cell_and_direction_runs() {
    for (int cell = rnn4j::CELL_RNN_TANH; cell <= rnn4j::CELL_LBR_GRU; ++cell) {
        for (int dir = rnn4j::DIRECTION_LEFT_TO_RIGHT; dir <= rnn4j::DIRECTION_BIDIRECTIONAL_SUM; ++dir) {
            rnn4j::RnnDesc desc;
            desc.cell = static_cast<rnn4j::CellKind>(cell);
            desc.direction = static_cast<rnn4j::RnnDirection>(dir);
            desc.layers = 2;
            desc.input_size = 3;
            desc.hidden_size = 4;
            rnn4j::RnnKernel kernel(desc);
            const int64_t T = 3, N = 2, D = dir >= 2 ? 2 : 1, O = dir == 2 ? 8 : 4;
            const int64_t G = cell == rnn4j::CELL_LSTM ? 4 : cell >= rnn4j::CELL_GRU ? 3 : 1;
            const int64_t Gb = cell == rnn4j::CELL_LBR_GRU ? 4 : G;
            auto x = random_vector(T * N * 3, 21);
            auto wx = random_vector(D * 3 * G * 4 + D * O * G * 4, 22), wh = random_vector(2 * D * 4 * G * 4, 23),
                 b = random_vector(2 * D * Gb * 4, 24), dy = random_vector(T * N * O, 25);
            std::vector<float> y(T * N * O), dx(x.size()), dwx(wx.size()), dwh(wh.size()), db(b.size());
            std::vector<char> ws(static_cast<size_t>(kernel.workspace_bytes(T, N, nullptr)));
            rnn4j::RnnData d;
            d.steps = T;
            d.batch = N;
            d.src_layer = x.data();
            d.weights_layer = wx.data();
            d.weights_iter = wh.data();
            d.bias = b.data();
            d.dst_layer = y.data();
            d.workspace = ws.data();
            d.workspace_size = static_cast<int64_t>(ws.size());
            d.diff_dst_layer = dy.data();
            d.diff_src_layer = dx.data();
            d.diff_weights_layer = dwx.data();
            d.diff_weights_iter = dwh.data();
            d.diff_bias = db.data();
            kernel.forward(rnn4j::PROPAGATION_TRAINING, d);
            kernel.backward(rnn4j::GRADIENTS_OVERWRITE, d);
            double norm = 0;
            for (float v : dx) norm += std::fabs(v);
            expect(std::isfinite(norm) && norm > 0,
                   "cell " + std::to_string(cell) + " direction " + std::to_string(dir) + " gives input gradients");
        }
    }
}

void primitive_cache_is_bounded() {
    rnn4j::RnnDesc desc;
    desc.cell = rnn4j::CELL_GRU;
    desc.input_size = 2;
    desc.hidden_size = 3;
    rnn4j::RnnKernel kernel(desc);
    expect(kernel.primitive_cache_capacity() == rnn4j::DEFAULT_PRIMITIVE_CACHE_CAPACITY, "the default capacity");
    kernel.set_primitive_cache_capacity(3);
    const int64_t N = 2;
    auto wx = random_vector(2 * 3 * 3, 31), wh = random_vector(3 * 3 * 3, 32), b = random_vector(3 * 3, 33);
    std::vector<float> first;
    for (int64_t T = 1; T <= 10; ++T) {
        auto x = random_vector(T * N * 2, 34);
        std::vector<float> y(T * N * 3);
        rnn4j::RnnData d;
        d.steps = T;
        d.batch = N;
        d.src_layer = x.data();
        d.weights_layer = wx.data();
        d.weights_iter = wh.data();
        d.bias = b.data();
        d.dst_layer = y.data();
        kernel.forward(rnn4j::PROPAGATION_INFERENCE, d);
        expect(kernel.cached_shapes() <= 3, "at most 3 shapes cached after T=" + std::to_string(T));
        if (T == 1) {
            first = y;
        }
        if (T == 10) {  // T = 1 was evicted long ago: rebuilt, it gives the same values
            std::vector<float> again(N * 3);
            auto x1 = random_vector(N * 2, 34);
            d.steps = 1;
            d.src_layer = x1.data();
            d.dst_layer = again.data();
            kernel.forward(rnn4j::PROPAGATION_INFERENCE, d);
            expect(again == first, "a rebuilt primitive gives bit-identical values");
        }
    }
    expect(kernel.primitive_cache_evictions() == 8, "10 + 1 shapes through a cache of 3 evict 8, got " +
                                                       std::to_string(kernel.primitive_cache_evictions()));
    expect_invalid([&] { kernel.set_primitive_cache_capacity(0); }, "capacity must be >= 1");
    expect_invalid([] { rnn4j::set_num_threads(1000000); }, "thread count must be <= 1024");
}

}  // namespace

int main(int argc, char** argv) {
    return rnn4j_test::run_tests(argc, argv, {
        {"lstm_forward_matches_reference", lstm_forward_matches_reference},
        {"lstm_backward_runs_and_overwrites", lstm_backward_runs_and_overwrites},
        {"rejects_bad_arguments", rejects_bad_arguments},
        {"every_cell_and_direction_runs", every_cell_and_direction_runs},
        {"primitive_cache_is_bounded", primitive_cache_is_bounded},
    });
}
