// Side-by-side timing of one training step (forward training + backward) of a recurrent layer:
// raw oneDNN primitives (weights pre-reordered, the floor) against rnn4j's RnnKernel, interleaved
// in one process so machine noise hits both alike. Optionally with variable lengths.
//   rnn4j_bench [--cell lstm|gru|lbr_gru|rnn_tanh] [--steps T] [--batch N] [--hidden H]
//               [--iterations K] [--threads P] [--variable]
// Prints one JSON object per line: {"impl": ..., "median_ms": ..., "gflops": ...}.
#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "rnn4j.h"

namespace {

using dnnl::memory;
using tag = memory::format_tag;
constexpr auto f32 = memory::data_type::f32;

struct Options {
    std::string cell = "lstm";
    int64_t steps = 50, batch = 64, hidden = 512, iterations = 10;
    int threads = 2;
    bool variable = false;
};

rnn4j::CellKind cell_code(const std::string& name) {
    if (name == "gru") return rnn4j::CELL_GRU;
    if (name == "lbr_gru") return rnn4j::CELL_LBR_GRU;
    if (name == "rnn_tanh") return rnn4j::CELL_RNN_TANH;
    return rnn4j::CELL_LSTM;
}

int64_t gates(int cell) { return cell == rnn4j::CELL_LSTM ? 4 : cell >= rnn4j::CELL_GRU ? 3 : 1; }

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::vector<float> random_vector(size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> dist(-0.1f, 0.1f);
    std::vector<float> v(n);
    for (auto& e : v) e = dist(gen);
    return v;
}

/** Raw oneDNN: one LSTM/GRU/RNN layer, weights reordered once, the minimum a caller could do. */
struct RawStep {
    dnnl::engine eng{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream{eng};
    dnnl::primitive fwd, bwd;
    std::unordered_map<int, memory> fwd_args, bwd_args;

    RawStep(int cell, int64_t T, int64_t N, int64_t C, std::vector<float>& x, std::vector<float>& wl,
            std::vector<float>& wi, std::vector<float>& b, std::vector<float>& y, std::vector<float>& dy,
            std::vector<float>& dx, std::vector<float>& dwl, std::vector<float>& dwi, std::vector<float>& db) {
        const int64_t G = gates(cell), Gb = cell == rnn4j::CELL_LBR_GRU ? 4 : G;
        memory::desc src({T, N, C}, f32, tag::tnc), state({1, 1, N, C}, f32, tag::ldnc);
        memory::desc w_any({1, 1, C, G, C}, f32, tag::any), w_plain({1, 1, C, G, C}, f32, tag::ldigo);
        memory::desc bias({1, 1, Gb, C}, f32, tag::ldgo), none;
        const bool lstm = cell == rnn4j::CELL_LSTM;
        memory::desc cstate = lstm ? state : none;
        auto dir = dnnl::rnn_direction::unidirectional_left2right;
        auto fk = dnnl::prop_kind::forward_training, bk = dnnl::prop_kind::backward;
        dnnl::primitive_desc fpd, bpd;
        if (lstm) {
            dnnl::lstm_forward::primitive_desc f(eng, fk, dir, src, state, state, w_any, w_any, bias, src, state, state);
            dnnl::lstm_backward::primitive_desc bb(eng, bk, dir, src, state, state, w_any, w_any, bias, src, state,
                                                   state, src, state, state, w_any, w_any, bias, src, state, state, f);
            fpd = f; bpd = bb; fwd = dnnl::lstm_forward(f); bwd = dnnl::lstm_backward(bb);
        } else if (cell == rnn4j::CELL_GRU) {
            dnnl::gru_forward::primitive_desc f(eng, fk, dir, src, state, w_any, w_any, bias, src, state);
            dnnl::gru_backward::primitive_desc bb(eng, bk, dir, src, state, w_any, w_any, bias, src, state, src, state,
                                                  w_any, w_any, bias, src, state, f);
            fpd = f; bpd = bb; fwd = dnnl::gru_forward(f); bwd = dnnl::gru_backward(bb);
        } else if (cell == rnn4j::CELL_LBR_GRU) {
            dnnl::lbr_gru_forward::primitive_desc f(eng, fk, dir, src, state, w_any, w_any, bias, src, state);
            dnnl::lbr_gru_backward::primitive_desc bb(eng, bk, dir, src, state, w_any, w_any, bias, src, state, src,
                                                      state, w_any, w_any, bias, src, state, f);
            fpd = f; bpd = bb; fwd = dnnl::lbr_gru_forward(f); bwd = dnnl::lbr_gru_backward(bb);
        } else {
            auto act = dnnl::algorithm::eltwise_tanh;
            dnnl::vanilla_rnn_forward::primitive_desc f(eng, fk, act, dir, src, state, w_any, w_any, bias, src, state);
            dnnl::vanilla_rnn_backward::primitive_desc bb(eng, bk, act, dir, src, state, w_any, w_any, bias, src, state,
                                                          src, state, w_any, w_any, bias, src, state, f);
            fpd = f; bpd = bb; fwd = dnnl::vanilla_rnn_forward(f); bwd = dnnl::vanilla_rnn_backward(bb);
        }
        auto reordered = [&](const dnnl::primitive_desc& pd, int arg, std::vector<float>& plain) {
            memory user(w_plain, eng, plain.data());
            memory m(pd.query_md(dnnl::query::exec_arg_md, arg), eng);
            dnnl::reorder(user, m).execute(stream, user, m);
            return m;
        };
        memory ws(fpd.workspace_desc(), eng);
        auto zeros = [&](const memory::desc& md) {
            memory m(md, eng);
            std::memset(m.get_data_handle(), 0, md.get_size());
            return m;
        };
        memory h0 = zeros(state), c0 = zeros(state), hn(state, eng), cn(state, eng);
        fwd_args = {{DNNL_ARG_SRC_LAYER, memory(src, eng, x.data())}, {DNNL_ARG_SRC_ITER, h0},
                    {DNNL_ARG_WEIGHTS_LAYER, reordered(fpd, DNNL_ARG_WEIGHTS_LAYER, wl)},
                    {DNNL_ARG_WEIGHTS_ITER, reordered(fpd, DNNL_ARG_WEIGHTS_ITER, wi)},
                    {DNNL_ARG_BIAS, memory(bias, eng, b.data())}, {DNNL_ARG_DST_LAYER, memory(src, eng, y.data())},
                    {DNNL_ARG_DST_ITER, hn}, {DNNL_ARG_WORKSPACE, ws}};
        bwd_args = fwd_args;
        bwd_args[DNNL_ARG_WEIGHTS_LAYER] = reordered(bpd, DNNL_ARG_WEIGHTS_LAYER, wl);
        bwd_args[DNNL_ARG_WEIGHTS_ITER] = reordered(bpd, DNNL_ARG_WEIGHTS_ITER, wi);
        bwd_args[DNNL_ARG_DIFF_SRC_LAYER] = memory(src, eng, dx.data());
        bwd_args[DNNL_ARG_DIFF_SRC_ITER] = memory(state, eng);
        bwd_args[DNNL_ARG_DIFF_DST_LAYER] = memory(src, eng, dy.data());
        bwd_args[DNNL_ARG_DIFF_DST_ITER] = zeros(state);
        bwd_args[DNNL_ARG_DIFF_WEIGHTS_LAYER] = memory(bpd.query_md(dnnl::query::exec_arg_md, DNNL_ARG_DIFF_WEIGHTS_LAYER), eng);
        bwd_args[DNNL_ARG_DIFF_WEIGHTS_ITER] = memory(bpd.query_md(dnnl::query::exec_arg_md, DNNL_ARG_DIFF_WEIGHTS_ITER), eng);
        bwd_args[DNNL_ARG_DIFF_BIAS] = memory(bias, eng, db.data());
        if (lstm) {
            fwd_args[DNNL_ARG_SRC_ITER_C] = c0;
            fwd_args[DNNL_ARG_DST_ITER_C] = cn;
            bwd_args[DNNL_ARG_SRC_ITER_C] = c0;
            bwd_args[DNNL_ARG_DST_ITER_C] = cn;
            bwd_args[DNNL_ARG_DIFF_SRC_ITER_C] = memory(state, eng);
            bwd_args[DNNL_ARG_DIFF_DST_ITER_C] = zeros(state);
        }
    }

    void run() {
        fwd.execute(stream, fwd_args);
        bwd.execute(stream, bwd_args);
        stream.wait();
    }
};

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
        if (a == "--cell") o.cell = next();
        else if (a == "--steps") o.steps = std::stoll(next());
        else if (a == "--batch") o.batch = std::stoll(next());
        else if (a == "--hidden") o.hidden = std::stoll(next());
        else if (a == "--iterations") o.iterations = std::stoll(next());
        else if (a == "--threads") o.threads = std::stoi(next());
        else if (a == "--variable") o.variable = true;
        else if (a == "--help" || a == "-h") {
            std::printf("usage: rnn4j_bench [--cell lstm|gru|lbr_gru|rnn_tanh] [--steps T] [--batch N] [--hidden H]\n"
                        "                   [--iterations K] [--threads P] [--variable]\n"
                        "Times forward training + backward of one layer (I = H): raw oneDNN vs rnn4j, interleaved.\n"
                        "--variable also times rnn4j with lengths uniform in [T/2, T] (seeded).\n");
            return 0;
        } else {
            std::fprintf(stderr, "rnn4j_bench: unknown option %s (see --help)\n", a.c_str());
            return 2;
        }
    }
    rnn4j::set_num_threads(o.threads);
    const rnn4j::CellKind cell = cell_code(o.cell);
    const int64_t T = o.steps, N = o.batch, C = o.hidden, G = gates(cell), Gb = cell == rnn4j::CELL_LBR_GRU ? 4 : G;
    auto x = random_vector(T * N * C, 1), wl = random_vector(C * G * C, 2), wi = random_vector(C * G * C, 3),
         b = random_vector(Gb * C, 4), dy = random_vector(T * N * C, 5);
    std::vector<float> y(T * N * C), dx(T * N * C), dwl(wl.size()), dwi(wi.size()), db(b.size());

    rnn4j::RnnDesc desc;
    desc.cell = cell;
    desc.input_size = C;
    desc.hidden_size = C;
    rnn4j::RnnKernel kernel(desc);
    std::vector<int32_t> lengths(static_cast<size_t>(N));
    std::mt19937 gen(7);
    std::uniform_int_distribution<int32_t> len_dist(static_cast<int32_t>(T / 2), static_cast<int32_t>(T));
    for (auto& l : lengths) l = len_dist(gen);
    lengths[0] = static_cast<int32_t>(T);
    std::vector<char> ws(static_cast<size_t>(std::max(kernel.workspace_bytes(T, N, nullptr),
                                                      kernel.workspace_bytes(T, N, lengths.data()))));
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

    RawStep raw(cell, T, N, C, x, wl, wi, b, y, dy, dx, dwl, dwi, db);
    auto ours = [&](const rnn4j::RnnData& data) {
        kernel.forward(rnn4j::PROPAGATION_TRAINING, data);
        kernel.backward(rnn4j::GRADIENTS_OVERWRITE, data);
    };
    raw.run();  // warm-up: first runs pay for primitive creation and page faults
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
    // FLOPs: forward = T*N*2*G*H*(I+H); backward = 2 x forward. With lengths, T*N -> sum of lengths.
    const double per_step = 2.0 * G * C * (C + C) * 3.0;
    int64_t sum_lengths = 0;
    for (auto l : lengths) sum_lengths += l;
    auto report = [&](const char* impl, const std::vector<double>& times, double rows) {
        double ms = median(times);
        std::printf("{\"impl\": \"%s\", \"cell\": \"%s\", \"T\": %lld, \"N\": %lld, \"H\": %lld, \"threads\": %d, "
                    "\"median_ms\": %.3f, \"gflops\": %.1f}\n",
                    impl, o.cell.c_str(), static_cast<long long>(T), static_cast<long long>(N),
                    static_cast<long long>(C), rnn4j::num_threads(), ms, rows * per_step / (ms * 1e6));
    };
    report("onednn_raw", t_raw, static_cast<double>(T * N));
    report("rnn4j", t_ours, static_cast<double>(T * N));
    if (o.variable) report("rnn4j_variable_lengths", t_var, static_cast<double>(sum_lengths));
    return 0;
}
