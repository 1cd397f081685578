// Side-by-side timing of one step of a recurrent network: raw oneDNN primitives (weights pre-reordered,
// the floor; raw_rnn.hpp) against rnn4j's RnnKernel, interleaved in one process so machine noise hits
// both alike; optionally with variable lengths, and the machine's limit on the step's GEMMs
// (gemm_limit.hpp).
//   rnn4j_bench [--cell lstm|gru|lbr_gru|rnn_tanh|rnn_relu] [--steps T] [--batch N] [--hidden H] [--input I]
//               [--layers L] [--bidirectional] [--inference] [--iterations K] [--threads P] [--variable]
//               [--raw-only] [--limit] [--bf16]
// Prints one JSON object per line: {"impl": ..., "median_ms": ..., "gflops": ...}.
#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "gemm_limit.hpp"
#include "raw_rnn.hpp"
#include "rnn4j.h"

namespace {

using bench::gates;
using bench::random_vector;

struct Options {
    std::string cell = "lstm";
    int64_t steps = 50, batch = 64, hidden = 512, input = 0, layers = 1, iterations = 10;
    int threads = 2;
    bool variable = false, bidirectional = false, inference = false, raw_only = false, limit = false, bf16 = false;
};

rnn4j::CellKind cell_code(const std::string& name) {
    if (name == "gru") return rnn4j::CELL_GRU;
    if (name == "lbr_gru") return rnn4j::CELL_LBR_GRU;
    if (name == "rnn_tanh") return rnn4j::CELL_RNN_TANH;
    if (name == "rnn_relu") return rnn4j::CELL_RNN_RELU;
    if (name == "lstm") return rnn4j::CELL_LSTM;
    std::fprintf(stderr, "rnn4j_bench: unknown cell %s (lstm, gru, lbr_gru, rnn_tanh, rnn_relu)\n", name.c_str());
    std::exit(2);
}

double now_ms() { return bench::ms_now(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "rnn4j_bench: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        auto positive = [&]() -> int64_t {
            std::string v = next();
            char* end = nullptr;
            long long n = std::strtoll(v.c_str(), &end, 10);
            if (*end != '\0' || n <= 0) {
                std::fprintf(stderr, "rnn4j_bench: %s needs a positive integer, got %s\n", a.c_str(), v.c_str());
                std::exit(2);
            }
            return n;
        };
        if (a == "--cell") o.cell = next();
        else if (a == "--steps") o.steps = positive();
        else if (a == "--batch") o.batch = positive();
        else if (a == "--hidden") o.hidden = positive();
        else if (a == "--input") o.input = positive();
        else if (a == "--layers") o.layers = positive();
        else if (a == "--iterations") o.iterations = positive();
        else if (a == "--threads") o.threads = static_cast<int>(positive());
        else if (a == "--variable") o.variable = true;
        else if (a == "--bidirectional") o.bidirectional = true;
        else if (a == "--inference") o.inference = true;
        else if (a == "--raw-only") o.raw_only = true;
        else if (a == "--limit") o.limit = true;
        else if (a == "--bf16") o.bf16 = true;
        else if (a == "--help" || a == "-h") {
            std::printf("usage: rnn4j_bench [--cell lstm|gru|lbr_gru|rnn_tanh|rnn_relu] [--steps T] [--batch N]\n"
                        "                   [--hidden H] [--input I] [--layers L] [--bidirectional] [--inference]\n"
                        "                   [--iterations K] [--threads P] [--variable] [--raw-only] [--limit]\n"
                        "                   [--bf16]\n"
                        "Times one step (forward training + backward, or --inference) of a network (I = H unless\n"
                        "--input): raw oneDNN vs rnn4j's kernel, interleaved, medians of K iterations.\n"
                        "--variable also times rnn4j with lengths uniform in [T/2, T] (seeded).\n"
                        "--raw-only times raw oneDNN alone (needed for --layers > 1 and --bidirectional).\n"
                        "--limit also times oneDNN's sgemm on the step's GEMM shapes (the machine's limit).\n"
                        "--bf16 runs both in bf16 (bf16 data, states and weights; f32 bias, cell states and\n"
                        "gradients; rnn4j converts from and to its f32 buffers); needs avx512_core_bf16.\n");
            return 0;
        } else {
            std::fprintf(stderr, "rnn4j_bench: unknown option %s (see --help)\n", a.c_str());
            return 2;
        }
    }
    if (!o.raw_only && (o.layers > 1 || o.bidirectional)) {
        std::fprintf(stderr, "rnn4j_bench: --layers > 1 and --bidirectional need --raw-only\n");
        return 2;
    }
    if (o.bf16 && !rnn4j::bf16_supported()) {
        std::fprintf(stderr, "rnn4j_bench: --bf16 needs the CPU feature avx512_core_bf16; oneDNN's ISA here is %s\n",
                     rnn4j::cpu_isa_name());
        return 2;
    }
    rnn4j::set_num_threads(o.threads);
    const rnn4j::CellKind cell = cell_code(o.cell);
    const bool training = !o.inference;
    const int64_t T = o.steps, N = o.batch, H = o.hidden, I = o.input > 0 ? o.input : o.hidden, L = o.layers,
                  D = o.bidirectional ? 2 : 1, G = gates(cell), Gb = cell == rnn4j::CELL_LBR_GRU ? 4 : G;
    // FLOPs: forward = T*N*2*G*H*(I+H) per layer and direction; backward = 2 x forward. With lengths, T*N ->
    // the sum of the lengths.
    double flops_per_row = 0;
    for (int64_t l = 0; l < L; ++l) flops_per_row += D * 2.0 * G * H * ((l == 0 ? I : D * H) + H);
    if (training) flops_per_row *= 3.0;
    std::vector<int32_t> lengths(static_cast<size_t>(N));
    std::mt19937 gen(7);
    std::uniform_int_distribution<int32_t> len_dist(static_cast<int32_t>(T / 2), static_cast<int32_t>(T));
    for (auto& l : lengths) l = len_dist(gen);
    lengths[0] = static_cast<int32_t>(T);
    int64_t sum_lengths = 0;
    for (auto l : lengths) sum_lengths += l;
    auto report = [&](const char* impl, const std::vector<double>& times, double rows) {
        double ms = median(times);
        std::printf("{\"impl\": \"%s\", \"cell\": \"%s\", \"mode\": \"%s\", \"T\": %lld, \"N\": %lld, \"I\": %lld, "
                    "\"H\": %lld, \"layers\": %lld, \"directions\": %lld, \"threads\": %d, \"iterations\": %lld, "
                    "\"precision\": \"%s\", \"median_ms\": %.3f, \"gflops\": %.2f}\n",
                    impl, o.cell.c_str(), training ? "training" : "inference", static_cast<long long>(T),
                    static_cast<long long>(N), static_cast<long long>(I), static_cast<long long>(H),
                    static_cast<long long>(L), static_cast<long long>(D), rnn4j::num_threads(),
                    static_cast<long long>(o.iterations), o.bf16 ? "bf16" : "f32", ms,
                    rows * flops_per_row / (ms * 1e6));
        std::fflush(stdout);
    };

    bench::RawStack raw(cell, training, T, N, I, H, L, D, o.bf16);
    raw.run();  // warm-up: first runs pay for primitive creation and page faults
    if (o.raw_only) {
        std::vector<double> t_raw;
        for (int64_t it = 0; it < o.iterations; ++it) {
            double s = now_ms();
            raw.run();
            t_raw.push_back(now_ms() - s);
        }
        report("onednn_raw", t_raw, static_cast<double>(T * N));
    } else {
        auto x = random_vector(T * N * I, 1), wl = random_vector(I * G * H, 2), wi = random_vector(H * G * H, 3),
             b = random_vector(Gb * H, 4), dy = random_vector(T * N * H, 5);
        std::vector<float> y(T * N * H), dx(T * N * I), dwl(wl.size()), dwi(wi.size()), db(b.size());
        rnn4j::RnnDesc desc;
        desc.cell = cell;
        desc.input_size = I;
        desc.hidden_size = H;
        desc.precision = o.bf16 ? rnn4j::PRECISION_BF16 : rnn4j::PRECISION_F32;
        rnn4j::RnnKernel kernel(desc);
        // The variable row runs as a model that never reads final states (language model, tagger, CTC)
        // would: outputs only, which lets the packed path take few coarse padded segments.
        std::vector<char> ws(static_cast<size_t>(std::max(
            kernel.workspace_bytes(T, N, nullptr),
            kernel.workspace_bytes(T, N, lengths.data(), rnn4j::FINAL_STATES_NONE))));
        rnn4j::RnnData d;
        d.steps = T;
        d.batch = N;
        d.weights_version = 1;
        d.src_layer = x.data();
        d.weights_layer = wl.data();
        d.weights_iter = wi.data();
        d.bias = b.data();
        d.dst_layer = y.data();
        d.workspace = ws.data();
        d.workspace_size = static_cast<int64_t>(ws.size());
        d.diff_dst_layer = dy.data();
        d.diff_src_layer = dx.data();
        d.diff_weights_layer = dwl.data();
        d.diff_weights_iter = dwi.data();
        d.diff_bias = db.data();
        rnn4j::RnnData dv = d;
        dv.lengths = lengths.data();
        dv.final_states = rnn4j::FINAL_STATES_NONE;
        auto ours = [&](const rnn4j::RnnData& data) {
            kernel.forward(training ? rnn4j::PROPAGATION_TRAINING : rnn4j::PROPAGATION_INFERENCE, data);
            if (training) kernel.backward(rnn4j::GRADIENTS_OVERWRITE, data);
        };
        ours(d);
        if (o.variable) ours(dv);
        std::vector<double> t_raw, t_ours, t_var;
        for (int64_t it = 0; it < o.iterations; ++it) {
            double s = now_ms();
            raw.run();
            t_raw.push_back(now_ms() - s);
            s = now_ms();
            ours(d);
            t_ours.push_back(now_ms() - s);
            if (o.variable) {
                s = now_ms();
                ours(dv);
                t_var.push_back(now_ms() - s);
            }
        }
        report("onednn_raw", t_raw, static_cast<double>(T * N));
        report("rnn4j", t_ours, static_cast<double>(T * N));
        if (o.variable) report("rnn4j_variable_lengths", t_var, static_cast<double>(sum_lengths));
    }
    if (o.limit) bench::report_limit(bench::step_gemms(cell, training, T, N, I, H, L, D), std::min<int64_t>(o.iterations, 5));
    return 0;
}
