// Raw oneDNN recurrent layers, the floor rnn4j's Java API is held to: one primitive per layer (both
// directions of a bidirectional layer in one primitive, outputs concatenated), weights reordered once
// into the primitive's preferred layout, every buffer allocated once. A stack chains the layers:
// forward bottom-up, backward top-down (layer l's diff_src_layer is layer l-1's diff_dst_layer).
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <unordered_map>
#include <vector>

#include "rnn4j.h"

namespace bench {

using dnnl::memory;
using tag = memory::format_tag;
constexpr auto f32 = memory::data_type::f32;

inline int64_t gates(int cell) { return cell == rnn4j::CELL_LSTM ? 4 : cell >= rnn4j::CELL_GRU ? 3 : 1; }

inline std::vector<float> random_vector(size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> dist(-0.1f, 0.1f);
    std::vector<float> v(n);
    for (auto& e : v) e = dist(gen);
    return v;
}

/** bf16 bits of v, rounded to nearest even (v finite). */
inline uint16_t to_bf16(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    bits += 0x7FFF + ((bits >> 16) & 1);
    return static_cast<uint16_t>(bits >> 16);
}

/**
 * One layer: T steps, N sequences, input I, hidden H, D directions (1, or 2 concatenated). Layer data x, y and
 * hidden states are of type dt (f32, or bf16: then weights are reordered to bf16 too); bias, cell states and
 * every gradient are f32 (oneDNN's RNN data types).
 */
struct RawLayer {
    dnnl::engine& eng;
    dnnl::stream& stream;
    bool training;
    dnnl::primitive fwd, bwd;
    std::unordered_map<int, memory> fwd_args, bwd_args;

    RawLayer(dnnl::engine& e, dnnl::stream& s, int cell, bool train, int64_t T, int64_t N, int64_t I, int64_t H,
             int64_t D, void* x, void* y, float* dy, float* dx, unsigned seed, memory::data_type dt = f32)
        : eng(e), stream(s), training(train) {
        const int64_t G = gates(cell), Gb = cell == rnn4j::CELL_LBR_GRU ? 4 : G;
        memory::desc src({T, N, I}, dt, tag::tnc), dst({T, N, D * H}, dt, tag::tnc);
        memory::desc diff_src({T, N, I}, f32, tag::tnc), diff_dst({T, N, D * H}, f32, tag::tnc);
        memory::desc state({1, D, N, H}, dt, tag::ldnc), cell_state({1, D, N, H}, f32, tag::ldnc);
        memory::desc diff_state({1, D, N, H}, f32, tag::ldnc);
        memory::desc wl_any({1, D, I, G, H}, dt, tag::any), wl_plain({1, D, I, G, H}, f32, tag::ldigo);
        memory::desc wi_any({1, D, H, G, H}, dt, tag::any), wi_plain({1, D, H, G, H}, f32, tag::ldigo);
        memory::desc dwl_any({1, D, I, G, H}, f32, tag::any), dwi_any({1, D, H, G, H}, f32, tag::any);
        memory::desc bias({1, D, Gb, H}, f32, tag::ldgo), none;
        const bool lstm = cell == rnn4j::CELL_LSTM;
        auto dir = D == 2 ? dnnl::rnn_direction::bidirectional_concat
                          : dnnl::rnn_direction::unidirectional_left2right;
        auto fk = train ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        auto bk = dnnl::prop_kind::backward;
        dnnl::primitive_desc fpd, bpd;
        if (lstm) {
            dnnl::lstm_forward::primitive_desc f(eng, fk, dir, src, state, cell_state, wl_any, wi_any, bias, dst, state,
                                                 cell_state);
            fpd = f;
            fwd = dnnl::lstm_forward(f);
            if (train) {
                dnnl::lstm_backward::primitive_desc b(eng, bk, dir, src, state, cell_state, wl_any, wi_any, bias, dst,
                                                      state, cell_state, diff_src, diff_state, diff_state, dwl_any,
                                                      dwi_any, bias, diff_dst, diff_state, diff_state, f);
                bpd = b;
                bwd = dnnl::lstm_backward(b);
            }
        } else if (cell == rnn4j::CELL_GRU) {
            dnnl::gru_forward::primitive_desc f(eng, fk, dir, src, state, wl_any, wi_any, bias, dst, state);
            fpd = f;
            fwd = dnnl::gru_forward(f);
            if (train) {
                dnnl::gru_backward::primitive_desc b(eng, bk, dir, src, state, wl_any, wi_any, bias, dst, state,
                                                     diff_src, diff_state, dwl_any, dwi_any, bias, diff_dst,
                                                     diff_state, f);
                bpd = b;
                bwd = dnnl::gru_backward(b);
            }
        } else if (cell == rnn4j::CELL_LBR_GRU) {
            dnnl::lbr_gru_forward::primitive_desc f(eng, fk, dir, src, state, wl_any, wi_any, bias, dst, state);
            fpd = f;
            fwd = dnnl::lbr_gru_forward(f);
            if (train) {
                dnnl::lbr_gru_backward::primitive_desc b(eng, bk, dir, src, state, wl_any, wi_any, bias, dst, state,
                                                         diff_src, diff_state, dwl_any, dwi_any, bias, diff_dst,
                                                         diff_state, f);
                bpd = b;
                bwd = dnnl::lbr_gru_backward(b);
            }
        } else {
            auto act = cell == rnn4j::CELL_RNN_RELU ? dnnl::algorithm::eltwise_relu : dnnl::algorithm::eltwise_tanh;
            dnnl::vanilla_rnn_forward::primitive_desc f(eng, fk, act, dir, src, state, wl_any, wi_any, bias, dst,
                                                        state);
            fpd = f;
            fwd = dnnl::vanilla_rnn_forward(f);
            if (train) {
                dnnl::vanilla_rnn_backward::primitive_desc b(eng, bk, act, dir, src, state, wl_any, wi_any, bias, dst,
                                                             state, diff_src, diff_state, dwl_any, dwi_any, bias,
                                                             diff_dst, diff_state, f);
                bpd = b;
                bwd = dnnl::vanilla_rnn_backward(b);
            }
        }
        wl_ = random_vector(static_cast<size_t>(D * I * G * H), seed);
        wi_ = random_vector(static_cast<size_t>(D * H * G * H), seed + 1);
        b_ = random_vector(static_cast<size_t>(D * Gb * H), seed + 2);
        auto reordered = [&](const dnnl::primitive_desc& pd, int arg, const memory::desc& plain_md,
                             std::vector<float>& plain) {
            memory user(plain_md, eng, plain.data());
            memory m(pd.query_md(dnnl::query::exec_arg_md, arg), eng);
            dnnl::reorder(user, m).execute(stream, user, m);
            stream.wait();
            return m;
        };
        auto zeros = [&](const memory::desc& md) {
            memory m(md, eng);
            std::memset(m.get_data_handle(), 0, md.get_size());
            return m;
        };
        memory h0 = zeros(state), c0 = zeros(cell_state), hn = zeros(state), cn = zeros(cell_state);
        fwd_args = {{DNNL_ARG_SRC_LAYER, memory(src, eng, x)}, {DNNL_ARG_SRC_ITER, h0},
                    {DNNL_ARG_WEIGHTS_LAYER, reordered(fpd, DNNL_ARG_WEIGHTS_LAYER, wl_plain, wl_)},
                    {DNNL_ARG_WEIGHTS_ITER, reordered(fpd, DNNL_ARG_WEIGHTS_ITER, wi_plain, wi_)},
                    {DNNL_ARG_BIAS, memory(bias, eng, b_.data())}, {DNNL_ARG_DST_LAYER, memory(dst, eng, y)},
                    {DNNL_ARG_DST_ITER, hn}};
        if (lstm) {
            fwd_args[DNNL_ARG_SRC_ITER_C] = c0;
            fwd_args[DNNL_ARG_DST_ITER_C] = cn;
        }
        if (!train) return;
        memory ws = zeros(fpd.workspace_desc());
        fwd_args[DNNL_ARG_WORKSPACE] = ws;
        bwd_args = fwd_args;
        bwd_args[DNNL_ARG_WEIGHTS_LAYER] = reordered(bpd, DNNL_ARG_WEIGHTS_LAYER, wl_plain, wl_);
        bwd_args[DNNL_ARG_WEIGHTS_ITER] = reordered(bpd, DNNL_ARG_WEIGHTS_ITER, wi_plain, wi_);
        bwd_args[DNNL_ARG_DIFF_SRC_LAYER] = memory(diff_src, eng, dx);
        bwd_args[DNNL_ARG_DIFF_SRC_ITER] = zeros(diff_state);
        bwd_args[DNNL_ARG_DIFF_DST_LAYER] = memory(diff_dst, eng, dy);
        bwd_args[DNNL_ARG_DIFF_DST_ITER] = zeros(diff_state);
        bwd_args[DNNL_ARG_DIFF_WEIGHTS_LAYER] = zeros(bpd.query_md(dnnl::query::exec_arg_md, DNNL_ARG_DIFF_WEIGHTS_LAYER));
        bwd_args[DNNL_ARG_DIFF_WEIGHTS_ITER] = zeros(bpd.query_md(dnnl::query::exec_arg_md, DNNL_ARG_DIFF_WEIGHTS_ITER));
        bwd_args[DNNL_ARG_DIFF_BIAS] = zeros(bias);
        if (lstm) {
            bwd_args[DNNL_ARG_DIFF_SRC_ITER_C] = zeros(diff_state);
            bwd_args[DNNL_ARG_DIFF_DST_ITER_C] = zeros(diff_state);
        }
    }

    void forward() { fwd.execute(stream, fwd_args); }
    void backward() { bwd.execute(stream, bwd_args); }

   private:
    std::vector<float> wl_, wi_, b_;
};

/**
 * A stack of L layers over x [T, N, I]: layer l > 0 reads layer l-1's [T, N, D·H] output. With bf16 the layer
 * data are bf16 (acts16), the gradients f32.
 */
struct RawStack {
    dnnl::engine eng{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream{eng};
    bool training;
    std::vector<std::vector<float>> acts, grads;  // acts[l] = layer l's input (acts[L] = the output); grads alike
    std::vector<std::vector<uint16_t>> acts16;     // acts in bf16 (bf16 stacks only)
    std::vector<std::unique_ptr<RawLayer>> layers;

    RawStack(int cell, bool train, int64_t T, int64_t N, int64_t I, int64_t H, int64_t L, int64_t D,
             bool bf16 = false)
        : training(train) {
        for (int64_t l = 0; l <= L; ++l) {
            const int64_t width = l == 0 ? I : D * H;
            acts.push_back(random_vector(static_cast<size_t>(T * N * width), static_cast<unsigned>(10 + l)));
            grads.push_back(random_vector(static_cast<size_t>(T * N * width), static_cast<unsigned>(20 + l)));
            if (bf16) {
                acts16.emplace_back(acts.back().size());
                for (size_t i = 0; i < acts.back().size(); ++i) acts16.back()[i] = to_bf16(acts.back()[i]);
            }
        }
        for (int64_t l = 0; l < L; ++l) {
            void* x = bf16 ? static_cast<void*>(acts16[l].data()) : acts[l].data();
            void* y = bf16 ? static_cast<void*>(acts16[l + 1].data()) : acts[l + 1].data();
            layers.push_back(std::make_unique<RawLayer>(eng, stream, cell, train, T, N, l == 0 ? I : D * H, H, D, x, y,
                                                        grads[l + 1].data(), grads[l].data(),
                                                        static_cast<unsigned>(100 + 10 * l),
                                                        bf16 ? memory::data_type::bf16 : f32));
        }
    }

    /** One step: forward (training or inference), then for training the backward of every layer. */
    void run() {
        for (auto& layer : layers) layer->forward();
        if (training) {
            for (auto it = layers.rbegin(); it != layers.rend(); ++it) (*it)->backward();
        }
        stream.wait();
    }
};

}  // namespace bench
