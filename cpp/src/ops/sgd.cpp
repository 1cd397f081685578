// SGD with optional (Nesterov) momentum and L2 weight decay, fused into one pass over the parameter.
#include "errors.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"
#include "vector_loops.hpp"

namespace rnn4j {

namespace {

void check_options(const SgdOptions& o) {
    check_non_negative(o.learning_rate, "SgdOptions.learning_rate");
    check_fraction(o.momentum, "SgdOptions.momentum");
    check_non_negative(o.weight_decay, "SgdOptions.weight_decay");
    check_arg(o.momentum_kind == MOMENTUM_CLASSIC || o.momentum_kind == MOMENTUM_NESTEROV,
              "SgdOptions.momentum_kind must be 0 (classic) or 1 (Nesterov), got ", o.momentum_kind);
    check_arg(o.momentum_kind == MOMENTUM_CLASSIC || o.momentum > 0,
              "SgdOptions.momentum must be > 0 for Nesterov momentum, got ", o.momentum);
}

}  // namespace

RNN4J_VECTOR_CLONES
void sgd_step(const SgdOptions& options, int64_t size, float* params, const float* grads, float* velocity) {
    check_options(options);
    check_positive(size, "size");
    check_not_null(params, "params", shape_text("n", size));
    check_not_null(grads, "grads", shape_text("n", size));
    const bool with_momentum = options.momentum > 0;
    if (with_momentum) {
        check_not_null(velocity, "velocity", concat(shape_text("n", size), "; momentum is ", options.momentum));
    }
    const float lr = static_cast<float>(options.learning_rate);
    const float decay = static_cast<float>(options.weight_decay);
    const float momentum = static_cast<float>(options.momentum);
    const bool nesterov = options.momentum_kind == MOMENTUM_NESTEROV;
    if (!with_momentum) {
        for (int64_t i = 0; i < size; ++i) {
            params[i] -= lr * (grads[i] + decay * params[i]);
        }
        return;
    }
    for (int64_t i = 0; i < size; ++i) {
        const float g = grads[i] + decay * params[i];
        const float v = momentum * velocity[i] + g;
        velocity[i] = v;
        params[i] -= lr * (nesterov ? g + momentum * v : v);
    }
}

}  // namespace rnn4j
