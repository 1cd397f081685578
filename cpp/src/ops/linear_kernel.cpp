// LinearKernel: a fully connected layer on oneDNN matmul, one cached primitive per (role, rows).
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cpu_features.hpp"
#include "data_edges.hpp"
#include "lru_cache.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"
#include "runtime.hpp"
#include "scratchpad.hpp"
#include "state_pool.hpp"

namespace rnn4j {

using dnnl::memory;

namespace {

/** The matmuls of a linear layer; the weight gradient has one per gradient mode. */
enum MatmulRole { FORWARD_WITH_BIAS, FORWARD_WITHOUT_BIAS, INPUT_GRADIENT, WEIGHTS_GRADIENT, WEIGHTS_GRADIENT_ADDED };

const char* role_name(MatmulRole role) {
    switch (role) {
        case FORWARD_WITH_BIAS: return "forward (with bias)";
        case FORWARD_WITHOUT_BIAS: return "forward (without bias)";
        case INPUT_GRADIENT: return "input gradient";
        case WEIGHTS_GRADIENT: return "weight gradient";
        default: return "accumulated weight gradient";
    }
}

/** A row-major matrix [rows, cols] (tag ab), or the transpose of a row-major [cols, rows] buffer (tag ba). */
memory::desc matrix(int64_t rows, int64_t cols, memory::format_tag tag,
                    memory::data_type type = memory::data_type::f32) {
    return memory::desc({rows, cols}, type, tag);
}

/** The data type a matmul reads its two operands in. */
memory::data_type operand_type(int precision) {
    switch (precision) {
        case PRECISION_F32: return memory::data_type::f32;
        case PRECISION_BF16: return memory::data_type::bf16;
        default: throw InvalidArgument(concat("precision must be 0 (f32) or 1 (bf16), got ", precision));
    }
}

/** The buffers of one call (each call running at once has its own). */
struct CallBuffers {
    Scratchpad scratchpad;
    DataEdges edges;  // bf16 copies of the operands (nothing in f32)
};

memory wrap(const memory::desc& md, const void* data) {
    return memory(md, cpu_engine(), const_cast<void*>(data));
}

/** A matmul with the memory descriptors it was built for. */
struct Matmul {
    dnnl::matmul::primitive_desc pd;
    dnnl::matmul primitive;
    memory::desc src, weights, bias, dst;  // the caller's f32 layouts; bias is empty unless the role has one
};

}  // namespace

struct LinearKernel::Impl {
    const int64_t in_features;   // K
    const int64_t out_features;  // O
    const memory::data_type operands;                   // f32, or bf16 in PRECISION_BF16
    LruCache<std::pair<int, int64_t>, Matmul> matmuls;  // (role, M), bounded, least recently used out
    StatePool<CallBuffers> buffers;                     // one per call running at once

    Impl(int64_t in, int64_t out, int precision)
        : in_features(in), out_features(out), operands(operand_type(precision)),
          matmuls(DEFAULT_PRIMITIVE_CACHE_CAPACITY) {}

    Matmul build(MatmulRole role, int64_t rows) const {
        using tag = memory::format_tag;
        const int64_t M = rows, K = in_features, O = out_features;
        Matmul m;
        dnnl::primitive_attr attr = user_scratchpad();  // run from many threads at once: see scratchpad.hpp
        switch (role) {
            case FORWARD_WITH_BIAS:
            case FORWARD_WITHOUT_BIAS:
                m.src = matrix(M, K, tag::ab);      // x [M, K]
                m.weights = matrix(K, O, tag::ba);  // Wᵀ [K, O], read in place from W [O, K]
                m.dst = matrix(M, O, tag::ab);      // y [M, O]
                if (role == FORWARD_WITH_BIAS) {
                    m.bias = matrix(1, O, tag::ab);  // b [1, O]
                }
                break;
            case INPUT_GRADIENT:
                m.src = matrix(M, O, tag::ab);      // dy [M, O]
                m.weights = matrix(O, K, tag::ab);  // W [O, K]
                m.dst = matrix(M, K, tag::ab);      // dx [M, K]
                break;
            default: {
                m.src = matrix(O, M, tag::ba);      // dyᵀ [O, M], read in place from dy [M, O]
                m.weights = matrix(M, K, tag::ab);  // x [M, K]
                m.dst = matrix(O, K, tag::ab);      // dW [O, K]
                if (role == WEIGHTS_GRADIENT_ADDED) {
                    dnnl::post_ops sum;
                    sum.append_sum(1.0f);  // dW += dyᵀ · x
                    attr.set_post_ops(sum);
                }
            }
        }
        // The primitive reads its operands in `operands` (same layouts); DataEdges converts the caller's f32.
        const memory::desc src(m.src.get_dims(), operands, m.src.get_strides());
        const memory::desc weights(m.weights.get_dims(), operands, m.weights.get_strides());
        m.pd = m.bias.is_zero() ? dnnl::matmul::primitive_desc(cpu_engine(), src, weights, m.dst, attr)
                                : dnnl::matmul::primitive_desc(cpu_engine(), src, weights, m.bias, m.dst, attr);
        m.primitive = dnnl::matmul(m.pd);
        return m;
    }

    std::shared_ptr<const Matmul> matmul(MatmulRole role, int64_t rows) {
        return matmuls.get(std::make_pair(static_cast<int>(role), rows), [&] {
            return onednn(concat("creating the linear ", role_name(role), " matmul for M=", rows, " K=", in_features,
                                 " O=", out_features),
                          [&] { return build(role, rows); });
        });
    }

    void run(MatmulRole role, int64_t rows, const float* src, const float* weights, const float* bias, float* dst) {
        const std::shared_ptr<const Matmul> held = matmul(role, rows);
        const Matmul& m = *held;
        std::unordered_map<int, memory> args;
        args[DNNL_ARG_SRC] = wrap(m.src, src);
        args[DNNL_ARG_WEIGHTS] = wrap(m.weights, weights);
        args[DNNL_ARG_DST] = wrap(m.dst, dst);
        if (!m.bias.is_zero()) {
            args[DNNL_ARG_BIAS] = wrap(m.bias, bias);
        }
        StatePool<CallBuffers>::Lease call = buffers.acquire();
        call->scratchpad.bind(m.pd, args);
        onednn(concat("running the linear ", role_name(role), " matmul for M=", rows), [&] {
            call->edges.execute(m.primitive, m.pd, args, thread_stream());
            thread_stream().wait();
        });
    }

    /** diff_bias [O] = (or +=) the column sums of diff_y [M, O], summed in double. */
    void bias_gradient(int gradient_mode, int64_t rows, const float* diff_y, float* diff_bias) {
        const int64_t O = out_features;
        std::vector<double> column_sums(static_cast<size_t>(O), 0.0);  // [O], per call: calls may run at once
        for (int64_t m = 0; m < rows; ++m) {
            const float* row = diff_y + m * O;
            for (int64_t o = 0; o < O; ++o) {
                column_sums[o] += row[o];
            }
        }
        for (int64_t o = 0; o < O; ++o) {
            const float sum = static_cast<float>(column_sums[o]);
            diff_bias[o] = gradient_mode == GRADIENTS_ACCUMULATE ? diff_bias[o] + sum : sum;
        }
    }
};

LinearKernel::LinearKernel(int64_t in_features, int64_t out_features, Precision precision) : impl_(nullptr) {
    checked_elements(in_features, "in_features", out_features, "out_features");
    check_arg(precision == PRECISION_F32 || precision == PRECISION_BF16, "precision must be 0 (f32) or 1 (bf16), got ",
              static_cast<int>(precision));
    if (precision == PRECISION_BF16) {
        require_bf16("the linear kernel");
    }
    impl_ = new Impl(in_features, out_features, precision);
}

LinearKernel::~LinearKernel() { delete impl_; }

void LinearKernel::forward(int64_t rows, const float* x, const float* weights, const float* bias, float* y) {
    const int64_t K = impl_->in_features, O = impl_->out_features;
    checked_elements(rows, "rows", K, "in_features");
    checked_elements(rows, "rows", O, "out_features");
    check_not_null(x, "x", shape_text("M, K", rows, K));
    check_not_null(weights, "weights", shape_text("O, K", O, K));
    check_not_null(y, "y", shape_text("M, O", rows, O));
    impl_->run(bias ? FORWARD_WITH_BIAS : FORWARD_WITHOUT_BIAS, rows, x, weights, bias, y);
}

void LinearKernel::backward(GradientMode gradient_mode, int64_t rows, const float* x, const float* weights,
                            const float* diff_y, float* diff_x, float* diff_weights, float* diff_bias) {
    const int64_t K = impl_->in_features, O = impl_->out_features;
    check_gradient_mode(gradient_mode);
    checked_elements(rows, "rows", K, "in_features");
    checked_elements(rows, "rows", O, "out_features");
    check_not_null(diff_y, "diff_y", shape_text("M, O", rows, O));
    check_arg(diff_x || diff_weights || diff_bias,
              "at least one of diff_x, diff_weights, diff_bias must not be null, got all three null");
    if (diff_x) {
        check_not_null(weights, "weights", concat(shape_text("O, K", O, K), "; diff_x needs them"));
    }
    if (diff_weights) {
        check_not_null(x, "x", concat(shape_text("M, K", rows, K), "; diff_weights needs it"));
    }
    if (diff_x) {
        impl_->run(INPUT_GRADIENT, rows, diff_y, weights, nullptr, diff_x);
    }
    if (diff_weights) {
        impl_->run(gradient_mode == GRADIENTS_ACCUMULATE ? WEIGHTS_GRADIENT_ADDED : WEIGHTS_GRADIENT, rows, diff_y,
                   x, nullptr, diff_weights);
    }
    if (diff_bias) {
        impl_->bias_gradient(gradient_mode, rows, diff_y, diff_bias);
    }
}

int64_t LinearKernel::cached_primitives() { return impl_->matmuls.size(); }

void LinearKernel::set_primitive_cache_capacity(int64_t entries) {
    check_arg(entries >= 1, "primitive cache capacity must be >= 1, got ", entries);
    impl_->matmuls.set_capacity(entries);
}

int64_t LinearKernel::primitive_cache_capacity() { return impl_->matmuls.capacity(); }

int64_t LinearKernel::primitive_cache_evictions() { return impl_->matmuls.evictions(); }

}  // namespace rnn4j
