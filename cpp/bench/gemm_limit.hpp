// The machine's limit for one recurrent step: oneDNN's own sgemm timed on the GEMMs that step is made of,
// FLOP-weighted (limit = Σ flops / Σ time), each GEMM with B (the weights, or dG) as stored or
// pre-transposed, whichever sgemm runs faster. Per layer and direction, with G gates, row-major:
//   forward   x·W_layer   [T·N, I] × [I, G·H]            once
//             h·W_iter    [N, H] × [H, G·H]              T times
//   backward  dG·W_layerᵀ [T·N, G·H] × [G·H, I]          once   (dx)
//             dG·W_iterᵀ  [N, G·H] × [G·H, H]            T times (dh)
//             xᵀ·dG       [I, T·N] × [T·N, G·H]          once   (dW_layer)
//             hᵀ·dG       [H, T·N] × [T·N, G·H]          once   (dW_iter)
// Together exactly the FLOPs the benchmark counts: forward T·N·2·G·H·(I+H), backward twice that.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "raw_rnn.hpp"

namespace bench {

struct GemmShape {
    char transa, transb;
    int64_t m, k, n, count;  // C [m, n] = op(A) [m, k] · op(B) [k, n], repeated count times
    double flops() const { return 2.0 * static_cast<double>(m) * static_cast<double>(k) * static_cast<double>(n); }
};

inline std::vector<GemmShape> step_gemms(int cell, bool training, int64_t T, int64_t N, int64_t I, int64_t H,
                                         int64_t L, int64_t D) {
    const int64_t GH = gates(cell) * H;
    std::vector<GemmShape> out;
    for (int64_t l = 0; l < L; ++l) {
        const int64_t Il = l == 0 ? I : D * H;
        for (int64_t d = 0; d < D; ++d) {
            out.push_back({'N', 'N', T * N, Il, GH, 1});
            out.push_back({'N', 'N', N, H, GH, T});
            if (!training) continue;
            out.push_back({'N', 'T', T * N, GH, Il, 1});
            out.push_back({'N', 'T', N, GH, H, T});
            out.push_back({'T', 'N', Il, T * N, GH, 1});
            out.push_back({'T', 'N', H, T * N, GH, 1});
        }
    }
    return out;
}

inline double ms_now() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/** Median time of `count` back-to-back sgemm calls of one shape (one warm-up first). */
inline double time_gemm(const GemmShape& g, int64_t samples) {
    const int64_t lda = g.transa == 'N' ? g.k : g.m, ldb = g.transb == 'N' ? g.n : g.k;
    std::vector<float> a = random_vector(static_cast<size_t>(g.m * g.k), 1);
    std::vector<float> b = random_vector(static_cast<size_t>(g.k * g.n), 2);
    std::vector<float> c(static_cast<size_t>(g.m * g.n));
    auto once = [&] {
        for (int64_t r = 0; r < g.count; ++r) {
            dnnl::sgemm(g.transa, g.transb, g.m, g.n, g.k, 1.0f, a.data(), lda, b.data(), ldb, 0.0f, c.data(), g.n);
        }
    };
    once();
    std::vector<double> t;
    for (int64_t s = 0; s < std::max<int64_t>(samples, 1); ++s) {
        const double start = ms_now();
        once();
        t.push_back(ms_now() - start);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

/** Prints {"impl": "sgemm_limit", "limit_ms", "limit_gflops", "gemms": [...]} for the step's GEMMs. */
inline void report_limit(const std::vector<GemmShape>& gemms, int64_t samples) {
    std::map<std::tuple<char, char, int64_t, int64_t, int64_t, int64_t>, double> timed;
    double flops = 0, ms = 0;
    std::string list;
    for (const auto& g : gemms) {
        auto key = std::make_tuple(g.transa, g.transb, g.m, g.k, g.n, g.count);
        auto it = timed.find(key);
        if (it == timed.end()) {
            // The weights' layout is the kernel's choice (oneDNN reorders them once): the faster of B as
            // stored and B pre-transposed.
            GemmShape other = g;
            other.transb = g.transb == 'N' ? 'T' : 'N';
            it = timed.emplace(key, std::min(time_gemm(g, samples), time_gemm(other, samples))).first;
        }
        flops += g.flops() * static_cast<double>(g.count);
        ms += it->second;
        char item[200];
        std::snprintf(item, sizeof item, "%s{\"op\": \"%c%c\", \"m\": %lld, \"k\": %lld, \"n\": %lld, \"count\": %lld, "
                      "\"ms\": %.4f}", list.empty() ? "" : ", ", g.transa, g.transb, static_cast<long long>(g.m),
                      static_cast<long long>(g.k), static_cast<long long>(g.n), static_cast<long long>(g.count),
                      it->second);
        list += item;
    }
    std::printf("{\"impl\": \"sgemm_limit\", \"limit_ms\": %.4f, \"limit_gflops\": %.2f, \"gemms\": [%s]}\n", ms,
                flops / (ms * 1e6), list.c_str());
}

}  // namespace bench
