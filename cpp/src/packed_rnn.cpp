#include "packed_rnn.hpp"

#include <algorithm>

#include "dropout_mask.hpp"
#include "errors.hpp"
#include "fused_rnn.hpp"
#include "validation.hpp"

namespace rnn4j {

using dnnl::memory;

PackedRnn::PackedRnn(const RnnDesc& desc, PrimitiveCache& primitives)
    : desc_(desc), dims_(desc), unidirectional_(desc), primitives_(primitives) {
    unidirectional_.direction = DIRECTION_LEFT_TO_RIGHT;
    unidirectional_.layers = 1;
}

namespace {

/** Multiplies packed [rows, width] values by layer `layer`'s dropout mask, indexed by padded position. */
void apply_dropout(const Packing& packing, float* values, int64_t width, int64_t seed, int64_t layer, float p) {
    const DropoutMask mask = DropoutMask::of_layer(p, seed, layer);
    for (const Packing::Segment& s : packing.segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch; ++i) {
                float* row = values + (s.row + (t - s.t0) * s.batch + i) * width;
                const int64_t padded = (t * packing.batch + packing.order[static_cast<size_t>(i)]) * width;
                for (int64_t j = 0; j < width; ++j) {
                    row[j] *= mask.factor(padded + j);
                }
            }
        }
    }
}

}  // namespace

void PackedRnn::forward(int propagation, const RnnData& d) {
    const bool training = propagation == PROPAGATION_TRAINING;
    const Packing packing = this->packing(d);
    const Plan plan_ = plan(packing, training);
    StatePool<Buffers>::Lease buffers = buffers_.acquire();
    void* base = d.workspace;
    if (training) {
        check_workspace(d, plan_.bytes);
        *static_cast<uint64_t*>(base) = workspace_tag(packing);
    } else {
        buffers->inference_arena.resize(static_cast<size_t>(plan_.bytes));
        base = buffers->inference_arena.data();
    }
    const int64_t N = d.batch, D = dims_.directions, S = dims_.state, H = dims_.hidden;
    float* zero = buffers->zeros.get(N * H);
    packing.gather(d.src_layer, at(base, plan_.layers[0].input), dims_.input);
    for (int64_t l = 0; l < dims_.layers; ++l) {
        const LayerPlan& lp = plan_.layers[static_cast<size_t>(l)];
        const int64_t input = dims_.layer_input(l);
        std::vector<float*> outputs;
        for (int64_t dir = 0; dir < D; ++dir) {
            const DirectionPlan& dp = lp.directions[static_cast<size_t>(dir)];
            const float* source = at(base, lp.input);
            if (dp.input >= 0) {
                packing.reverse(source, at(base, dp.input), input);
                source = at(base, dp.input);
            }
            float* h0 = at(base, dp.h0);
            float* c0 = at(base, dp.c0);
            const int64_t state_row = (l * D + dir) * N;
            for (int64_t i = 0; i < N; ++i) {
                const int64_t n = packing.order[static_cast<size_t>(i)];
                std::copy_n(d.src_iter ? d.src_iter + (state_row + n) * S : zero, S, h0 + i * S);
                if (dims_.lstm) {
                    std::copy_n(d.src_iter_c ? d.src_iter_c + (state_row + n) * H : zero, H, c0 + i * H);
                }
            }
            float* output = at(base, dp.output);
            for (size_t k = 0; k < packing.segments.size(); ++k) {
                const Packing::Segment& s = packing.segments[k];
                const std::shared_ptr<const LayerPrimitives> held = primitives(propagation, s, input);
                const LayerPrimitives& p = *held;
                RnnDesc one = unidirectional_;
                one.input_size = input;
                const LayerLayouts plain = layer_layouts(RnnDims(one), LayerShape{s.steps, s.batch, input, 1});
                float* state = at(base, dp.state[k]);
                float* cell = at(base, dp.cell_state[k]);
                std::unordered_map<int, memory> args;
                args[DNNL_ARG_SRC_LAYER] = wrap(plain.src_layer, source + s.row * input);
                args[DNNL_ARG_SRC_ITER] = wrap(plain.state, k == 0 ? h0 : at(base, dp.state[k - 1]));
                args[DNNL_ARG_DST_LAYER] = wrap(plain.dst_layer, output + s.row * S);
                args[DNNL_ARG_DST_ITER] = wrap(plain.state, state);
                if (dims_.lstm) {
                    args[DNNL_ARG_SRC_ITER_C] = wrap(plain.cell_state, k == 0 ? c0 : at(base, dp.cell_state[k - 1]));
                    args[DNNL_ARG_DST_ITER_C] = wrap(plain.cell_state, cell);
                }
                bind_weights(args, l, dir, propagation, p.forward_pd, plain, d);
                if (training) {
                    args[DNNL_ARG_WORKSPACE] = wrap(p.forward_pd.workspace_desc(), at(base, dp.onednn[k]));
                }
                onednn(concat("running the forward primitive of layer ", l, " direction ", dir, " segment ", k), [&] {
                    buffers->scratchpad.bind(p.forward_pd, args);
                    buffers->edges.execute(p.forward, p.forward_pd, args, thread_stream());
                    thread_stream().wait();
                });
                for (int64_t i = packing.padded ? s.batch : packing.batch_after(k); i < s.batch; ++i) {  // ending here
                    const int64_t n = packing.order[static_cast<size_t>(i)];
                    if (d.dst_iter) {
                        std::copy_n(state + i * S, S, d.dst_iter + (state_row + n) * S);
                    }
                    if (d.dst_iter_c) {
                        std::copy_n(cell + i * H, H, d.dst_iter_c + (state_row + n) * H);
                    }
                }
            }
            if (packing.padded && d.dst_iter) {  // h_n: the output at each sequence's own last step
                for (int64_t i = 0; i < N; ++i) {
                    const int64_t n = packing.order[static_cast<size_t>(i)];
                    const int64_t last = packing.row(packing.length[static_cast<size_t>(i)] - 1, i);
                    std::copy_n(output + last * S, S, d.dst_iter + (state_row + n) * S);
                }
            }
            if (dp.input >= 0) {
                float* unreversed = buffers->unreversed.get(packing.rows * S);
                packing.reverse(output, unreversed, S);
                output = unreversed;
            }
            outputs.push_back(output);
        }
        const bool last = l + 1 == dims_.layers;
        if (last && D == 1) {
            packing.scatter_all(outputs[0], d.dst_layer, dims_.output);
            break;
        }
        float* combined = last ? buffers->packed_output.get(packing.rows * dims_.output)
                               : at(base, plan_.layers[static_cast<size_t>(l + 1)].input);
        combine(packing, outputs[0], D == 2 ? outputs[1] : nullptr, combined);
        if (!last && training && desc_.dropout > 0.0f) {
            apply_dropout(packing, combined, dims_.output, d.dropout_seed, l, desc_.dropout);
        }
        if (last) {
            packing.scatter_all(combined, d.dst_layer, dims_.output);
        }
    }
}

void PackedRnn::backward(int mode, const RnnData& d) {
    const Packing packing = this->packing(d);
    const Plan plan_ = plan(packing, true);
    check_workspace(d, plan_.bytes);
    check_arg(*static_cast<const uint64_t*>(d.workspace) == workspace_tag(packing),
              "RnnData.workspace must hold the training forward of this call, run with the same lengths and "
              "final_states (", d.final_states, ")");
    StatePool<Buffers>::Lease buffers = buffers_.acquire();
    void* base = d.workspace;
    const int64_t N = d.batch, D = dims_.directions, S = dims_.state, H = dims_.hidden, O = dims_.output;
    float* output_gradient = buffers->output_gradient.get(packing.rows * std::max(O, dims_.input));
    packing.gather(d.diff_dst_layer, output_gradient, O);
    for (int64_t l = dims_.layers - 1; l >= 0; --l) {
        const LayerPlan& lp = plan_.layers[static_cast<size_t>(l)];
        const int64_t input = dims_.layer_input(l);
        float* input_gradient = buffers->input_gradient.get(packing.rows * input);
        if (D == 2) {
            std::fill(input_gradient, input_gradient + packing.rows * input, 0.0f);
        }
        for (int64_t dir = 0; dir < D; ++dir) {
            const DirectionPlan& dp = lp.directions[static_cast<size_t>(dir)];
            // dL/d(this direction's output), in the direction's own time order: [rows, S].
            float* dy = buffers->direction_gradient.get(2 * packing.rows * S);
            float* dy_ordered = dy + packing.rows * S;
            if (D == 1) {
                dy = output_gradient;  // [rows, S] already (O = S); this layer's own buffer to change
            } else {
                for (int64_t r = 0; r < packing.rows; ++r) {
                    const float* from = desc_.direction == DIRECTION_BIDIRECTIONAL_CONCAT
                                            ? output_gradient + r * O + dir * S
                                            : output_gradient + r * O;
                    std::copy_n(from, S, dy + r * S);
                }
            }
            if (reversed(dir)) {
                packing.reverse(dy, dy_ordered, S);
            } else {
                dy_ordered = dy;
            }
            if (packing.padded && d.diff_dst_iter) {  // dL/dh_n joins the output gradient at each last step
                for (int64_t i = 0; i < N; ++i) {
                    const int64_t n = packing.order[static_cast<size_t>(i)];
                    float* last = dy_ordered + packing.row(packing.length[static_cast<size_t>(i)] - 1, i) * S;
                    const float* g = d.diff_dst_iter + ((l * D + dir) * N + n) * S;
                    for (int64_t j = 0; j < S; ++j) {
                        last[j] += g[j];
                    }
                }
            }
            const float* source = dp.input >= 0 ? at(base, dp.input) : at(base, lp.input);
            // One direction not reversed writes dL/dx straight into the layer's input gradient.
            float* dx = D == 1 && !reversed(dir) ? input_gradient
                                                 : buffers->direction_input_gradient.get(packing.rows * input);
            const int64_t state_row = (l * D + dir) * N;
            float* final_h = buffers->final_gradient.get(N * S);
            float* final_c = buffers->final_cell_gradient.get(N * H);
            std::vector<std::shared_ptr<const LayerPrimitives>> held;
            for (const Packing::Segment& s : packing.segments) {
                held.push_back(primitives(PROPAGATION_TRAINING, s, input));
            }
            RnnDesc one = unidirectional_;
            one.input_size = input;
            // oneDNN's backward adds into the weight gradients: when every segment takes them in one
            // layout, one binding serves all, and a copy in oneDNN's layout is reordered out only once.
            const bool chained = same_gradient_layouts(held);
            std::unordered_map<int, memory> chain;
            if (chained) {
                const Packing::Segment& s = packing.segments[0];
                bind_gradients(chain, l, dir, held[0]->backward_pd,
                               layer_layouts(RnnDims(one), LayerShape{s.steps, s.batch, input, 1}), d, mode);
            }
            for (size_t kk = packing.segments.size(); kk-- > 0;) {
                const Packing::Segment& s = packing.segments[kk];
                const LayerPrimitives& p = *held[kk];
                const LayerLayouts plain = layer_layouts(RnnDims(one), LayerShape{s.steps, s.batch, input, 1});
                // dL/d(state after this segment): from the next segment for sequences still running,
                // from dL/dh_n (dL/dc_n) for the ones that end here (exact cuts; coarse cuts: 0, the
                // steps past an end take no gradient and dL/dh_n went in with the output gradient).
                float* next_h = buffers->state_gradient[kk % 2].get(N * S);
                float* next_c = buffers->cell_gradient[kk % 2].get(N * H);
                const float* later_h = buffers->state_gradient[(kk + 1) % 2].get(N * S);
                const float* later_c = buffers->cell_gradient[(kk + 1) % 2].get(N * H);
                const int64_t continuing = packing.batch_after(kk);
                for (int64_t i = 0; i < s.batch; ++i) {
                    const int64_t n = packing.order[static_cast<size_t>(i)];
                    const bool ends = i >= continuing;
                    const float* dhn = packing.padded ? nullptr : d.diff_dst_iter;
                    const float* dcn = packing.padded ? nullptr : d.diff_dst_iter_c;
                    for (int64_t j = 0; j < S; ++j) {
                        final_h[i * S + j] = ends ? (dhn ? dhn[(state_row + n) * S + j] : 0.0f)
                                                  : later_h[i * S + j];
                    }
                    if (dims_.lstm) {
                        for (int64_t j = 0; j < H; ++j) {
                            final_c[i * H + j] = ends ? (dcn ? dcn[(state_row + n) * H + j] : 0.0f)
                                                      : later_c[i * H + j];
                        }
                    }
                }
                std::unordered_map<int, memory> args;
                args[DNNL_ARG_SRC_LAYER] = wrap(plain.src_layer, source + s.row * input);
                args[DNNL_ARG_SRC_ITER] = wrap(plain.state, kk == 0 ? at(base, dp.h0) : at(base, dp.state[kk - 1]));
                args[DNNL_ARG_DST_LAYER] = wrap(plain.dst_layer, at(base, dp.output) + s.row * S);
                args[DNNL_ARG_DST_ITER] = wrap(plain.state, at(base, dp.state[kk]));
                args[DNNL_ARG_WORKSPACE] = wrap(p.forward_pd.workspace_desc(), at(base, dp.onednn[kk]));
                args[DNNL_ARG_DIFF_SRC_LAYER] = wrap(plain.src_layer, dx + s.row * input);
                args[DNNL_ARG_DIFF_SRC_ITER] = wrap(plain.state, next_h);
                args[DNNL_ARG_DIFF_DST_LAYER] = wrap(plain.dst_layer, dy_ordered + s.row * S);
                args[DNNL_ARG_DIFF_DST_ITER] = wrap(plain.state, final_h);
                if (dims_.lstm) {
                    args[DNNL_ARG_SRC_ITER_C] =
                        wrap(plain.cell_state, kk == 0 ? at(base, dp.c0) : at(base, dp.cell_state[kk - 1]));
                    args[DNNL_ARG_DST_ITER_C] = wrap(plain.cell_state, at(base, dp.cell_state[kk]));
                    args[DNNL_ARG_DIFF_SRC_ITER_C] = wrap(plain.cell_state, next_c);
                    args[DNNL_ARG_DIFF_DST_ITER_C] = wrap(plain.cell_state, final_c);
                }
                bind_weights(args, l, dir, -1, p.backward_pd, plain, d);
                if (chained) {
                    args.insert(chain.begin(), chain.end());
                } else {
                    const bool first = kk + 1 == packing.segments.size();
                    bind_gradients(args, l, dir, p.backward_pd, plain, d, first ? mode : GRADIENTS_ACCUMULATE);
                }
                onednn(concat("running the backward primitive of layer ", l, " direction ", dir, " segment ", kk), [&] {
                    buffers->scratchpad.bind(p.backward_pd, args);
                    buffers->edges.execute(p.backward, p.backward_pd, args, thread_stream());
                    if (!chained || kk == 0) {
                        gradients_.flush(thread_stream(), buffers->scratchpad);
                    }
                    thread_stream().wait();
                });
                if (kk == 0) {
                    for (int64_t i = 0; i < N; ++i) {
                        const int64_t n = packing.order[static_cast<size_t>(i)];
                        if (d.diff_src_iter) {
                            std::copy_n(next_h + i * S, S, d.diff_src_iter + (state_row + n) * S);
                        }
                        if (d.diff_src_iter_c) {
                            std::copy_n(next_c + i * H, H, d.diff_src_iter_c + (state_row + n) * H);
                        }
                    }
                }
            }
            if (D == 1) {
                if (reversed(dir)) {
                    packing.reverse(dx, input_gradient, input);
                }
                continue;
            }
            if (reversed(dir)) {
                float* unreversed = buffers->unreversed.get(packing.rows * input);
                packing.reverse(dx, unreversed, input);
                dx = unreversed;
            }
            for (int64_t e = 0; e < packing.rows * input; ++e) {
                input_gradient[e] += dx[e];
            }
        }
        if (l == 0) {
            if (d.diff_src_layer) {
                packing.scatter_all(input_gradient, d.diff_src_layer, dims_.input);
            }
        } else {
            std::copy_n(input_gradient, packing.rows * input, output_gradient);
            packing.zero_padding(output_gradient, input);  // the steps past each end take no gradient
            if (desc_.dropout > 0.0f) {  // through the previous layer's dropout
                apply_dropout(packing, output_gradient, dims_.output, d.dropout_seed, l - 1, desc_.dropout);
            }
        }
    }
}

}  // namespace rnn4j
