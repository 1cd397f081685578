#include "layer_primitives.hpp"

#include "runtime.hpp"
#include "scratchpad.hpp"

namespace rnn4j {

using dnnl::algorithm;
using dnnl::memory;
using dnnl::prop_kind;
using dnnl::rnn_direction;
using tag = memory::format_tag;

namespace {

constexpr memory::data_type f32 = memory::data_type::f32;

int64_t gates_of(int cell) { return cell == CELL_LSTM ? 4 : (cell == CELL_GRU || cell == CELL_LBR_GRU) ? 3 : 1; }

rnn_direction to_onednn(int direction) {
    switch (direction) {
        case DIRECTION_LEFT_TO_RIGHT: return rnn_direction::unidirectional_left2right;
        case DIRECTION_RIGHT_TO_LEFT: return rnn_direction::unidirectional_right2left;
        case DIRECTION_BIDIRECTIONAL_CONCAT: return rnn_direction::bidirectional_concat;
        default: return rnn_direction::bidirectional_sum;
    }
}

/** The data type of layer data, hidden states and weights inside the primitives. */
memory::data_type data_type_of(int precision) {
    switch (precision) {
        case PRECISION_F32: return memory::data_type::f32;
        case PRECISION_BF16: return memory::data_type::bf16;
        default: throw InvalidArgument(concat("RnnDesc.precision must be 0 (f32) or 1 (bf16), got ", precision));
    }
}

/** md with data type dt (same dims and strides: plain layouts only). */
memory::desc retyped(const memory::desc& md, memory::data_type dt) {
    return md.is_zero() ? md : memory::desc(md.get_dims(), dt, md.get_strides());
}

algorithm activation_of(int cell) {
    switch (cell) {
        case CELL_RNN_RELU: return algorithm::eltwise_relu;
        case CELL_RNN_SIGMOID: return algorithm::eltwise_logistic;
        default: return algorithm::eltwise_tanh;
    }
}

/**
 * Memory descriptors of a layer call as the primitive is asked for them ("any" for weights). In bf16,
 * layer data, hidden states and weights are bf16; bias, peephole and LSTM cell states stay f32, as
 * does every diff_* tensor of the backward (oneDNN's RNN data types).
 */
struct RequestedMds {
    memory::desc src_layer, src_iter, src_iter_c, weights_layer, weights_iter, peephole, projection, bias, dst_layer,
        dst_iter, dst_iter_c;
};

RequestedMds requested(const RnnDesc& desc, const LayerLayouts& plain, const RnnDims& dims, const LayerShape& shape) {
    const int64_t Lg = shape.layers;
    const memory::data_type dt = data_type_of(desc.precision);
    RequestedMds m;
    m.src_layer = retyped(plain.src_layer, dt);
    m.src_iter = retyped(plain.state, dt);
    m.src_iter_c = dims.lstm ? plain.cell_state : memory::desc();
    m.weights_layer = memory::desc({Lg, dims.directions, shape.input, dims.gates, dims.hidden}, dt, tag::any);
    m.weights_iter = memory::desc({Lg, dims.directions, dims.state, dims.gates, dims.hidden}, dt, tag::any);
    m.peephole = desc.peephole ? plain.peephole : memory::desc();
    m.projection = desc.projection_size > 0
                       ? memory::desc({Lg, dims.directions, dims.hidden, dims.state}, dt, tag::any)
                       : memory::desc();
    m.bias = plain.bias;
    m.dst_layer = retyped(plain.dst_layer, dt);
    m.dst_iter = retyped(plain.state, dt);
    m.dst_iter_c = m.src_iter_c;
    return m;
}

template <typename Forward, typename Backward, typename MakeForward, typename MakeBackward>
LayerPrimitives build(bool training, MakeForward&& make_forward, MakeBackward&& make_backward) {
    LayerPrimitives p;
    typename Forward::primitive_desc fwd = make_forward();
    p.forward_pd = fwd;
    p.forward = Forward(fwd);
    if (training) {
        typename Backward::primitive_desc bwd = make_backward(fwd);
        p.backward_pd = bwd;
        p.backward = Backward(bwd);
    }
    return p;
}

}  // namespace

RnnDims::RnnDims(const RnnDesc& desc)
    : layers(desc.layers),
      directions(desc.direction >= DIRECTION_BIDIRECTIONAL_CONCAT ? 2 : 1),
      gates(gates_of(desc.cell)),
      bias_gates(desc.cell == CELL_LBR_GRU ? 4 : gates_of(desc.cell)),
      input(desc.input_size),
      hidden(desc.hidden_size),
      state(desc.projection_size > 0 ? desc.projection_size : desc.hidden_size),
      output(desc.direction == DIRECTION_BIDIRECTIONAL_CONCAT ? 2 * state : state),
      lstm(desc.cell == CELL_LSTM) {}

LayerLayouts layer_layouts(const RnnDims& dims, const LayerShape& shape) {
    const int64_t D = dims.directions, Lg = shape.layers, steps = shape.steps, batch = shape.batch,
                  layer_input = shape.input;
    LayerLayouts l;
    l.src_layer = memory::desc({steps, batch, layer_input}, f32, tag::tnc);
    l.dst_layer = memory::desc({steps, batch, dims.output}, f32, tag::tnc);
    l.state = memory::desc({Lg, D, batch, dims.state}, f32, tag::ldnc);
    l.cell_state = memory::desc({Lg, D, batch, dims.hidden}, f32, tag::ldnc);
    l.weights_layer = memory::desc({Lg, D, layer_input, dims.gates, dims.hidden}, f32, tag::ldigo);
    l.weights_iter = memory::desc({Lg, D, dims.state, dims.gates, dims.hidden}, f32, tag::ldigo);
    l.peephole = memory::desc({Lg, D, 3, dims.hidden}, f32, tag::ldgo);
    l.projection = memory::desc({Lg, D, dims.hidden, dims.state}, f32, tag::ldio);
    l.bias = memory::desc({Lg, D, dims.bias_gates, dims.hidden}, f32, tag::ldgo);
    return l;
}

LayerPrimitives make_layer_primitives(const RnnDesc& desc, const RnnDims& dims, int propagation,
                                      const LayerShape& shape) {
    const bool training = propagation == PROPAGATION_TRAINING;
    const prop_kind fwd_kind = training ? prop_kind::forward_training : prop_kind::forward_inference;
    const rnn_direction dir = to_onednn(desc.direction);
    const LayerLayouts plain = layer_layouts(dims, shape);
    const RequestedMds m = requested(desc, plain, dims, shape);
    // Backward: gradients in the caller's plain f32 layouts except weights, whose layout oneDNN picks.
    RnnDesc gradients = desc;
    gradients.precision = PRECISION_F32;
    const RequestedMds d = requested(gradients, plain, dims, shape);
    auto& eng = cpu_engine();
    const dnnl::primitive_attr attr = user_scratchpad();  // run from many threads at once: see scratchpad.hpp
    const std::string what = concat("creating the ", training ? "training" : "inference", " primitives of cell ",
                                    desc.cell, " for T=", shape.steps, " N=", shape.batch, " input=", shape.input,
                                    " layers=", shape.layers, " hidden=",
                                    dims.hidden, " directions=", dims.directions,
                                    desc.precision == PRECISION_BF16 ? " in bf16" : " in f32");
    return onednn(what, [&]() -> LayerPrimitives {
        switch (desc.cell) {
            case CELL_LSTM:
                return build<dnnl::lstm_forward, dnnl::lstm_backward>(
                    training,
                    [&] {
                        return dnnl::lstm_forward::primitive_desc(
                            eng, fwd_kind, dir, m.src_layer, m.src_iter, m.src_iter_c, m.weights_layer,
                            m.weights_iter, m.peephole, m.projection, m.bias, m.dst_layer, m.dst_iter, m.dst_iter_c, attr);
                    },
                    [&](const dnnl::lstm_forward::primitive_desc& hint) {
                        return dnnl::lstm_backward::primitive_desc(
                            eng, prop_kind::backward, dir, m.src_layer, m.src_iter, m.src_iter_c, m.weights_layer,
                            m.weights_iter, m.peephole, m.projection, m.bias, m.dst_layer, m.dst_iter, m.dst_iter_c,
                            d.src_layer, d.src_iter, d.src_iter_c, d.weights_layer, d.weights_iter, d.peephole,
                            d.projection, d.bias, d.dst_layer, d.dst_iter, d.dst_iter_c, hint, attr);
                    });
            case CELL_GRU:
                return build<dnnl::gru_forward, dnnl::gru_backward>(
                    training,
                    [&] {
                        return dnnl::gru_forward::primitive_desc(eng, fwd_kind, dir, m.src_layer, m.src_iter,
                                                                 m.weights_layer, m.weights_iter, m.bias,
                                                                 m.dst_layer, m.dst_iter, attr);
                    },
                    [&](const dnnl::gru_forward::primitive_desc& hint) {
                        return dnnl::gru_backward::primitive_desc(
                            eng, prop_kind::backward, dir, m.src_layer, m.src_iter, m.weights_layer, m.weights_iter,
                            m.bias, m.dst_layer, m.dst_iter, d.src_layer, d.src_iter, d.weights_layer,
                            d.weights_iter, d.bias, d.dst_layer, d.dst_iter, hint, attr);
                    });
            case CELL_LBR_GRU:
                return build<dnnl::lbr_gru_forward, dnnl::lbr_gru_backward>(
                    training,
                    [&] {
                        return dnnl::lbr_gru_forward::primitive_desc(eng, fwd_kind, dir, m.src_layer, m.src_iter,
                                                                     m.weights_layer, m.weights_iter, m.bias,
                                                                     m.dst_layer, m.dst_iter, attr);
                    },
                    [&](const dnnl::lbr_gru_forward::primitive_desc& hint) {
                        return dnnl::lbr_gru_backward::primitive_desc(
                            eng, prop_kind::backward, dir, m.src_layer, m.src_iter, m.weights_layer, m.weights_iter,
                            m.bias, m.dst_layer, m.dst_iter, d.src_layer, d.src_iter, d.weights_layer,
                            d.weights_iter, d.bias, d.dst_layer, d.dst_iter, hint, attr);
                    });
            default: {
                const algorithm act = activation_of(desc.cell);
                return build<dnnl::vanilla_rnn_forward, dnnl::vanilla_rnn_backward>(
                    training,
                    [&] {
                        return dnnl::vanilla_rnn_forward::primitive_desc(eng, fwd_kind, act, dir, m.src_layer,
                                                                         m.src_iter, m.weights_layer, m.weights_iter,
                                                                         m.bias, m.dst_layer, m.dst_iter, attr);
                    },
                    [&](const dnnl::vanilla_rnn_forward::primitive_desc& hint) {
                        return dnnl::vanilla_rnn_backward::primitive_desc(
                            eng, prop_kind::backward, act, dir, m.src_layer, m.src_iter, m.weights_layer,
                            m.weights_iter, m.bias, m.dst_layer, m.dst_iter, d.src_layer, d.src_iter,
                            d.weights_layer, d.weights_iter, d.bias, d.dst_layer, d.dst_iter, hint, attr);
                    });
            }
        }
    });
}

}  // namespace rnn4j
