// RMSProp with optional momentum and L2 weight decay, fused into one pass over the parameter.
#include <cmath>

#include "errors.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"
#include "vector_loops.hpp"

namespace rnn4j {

namespace {

void check_options(const RmsPropOptions& o) {
    check_non_negative(o.learning_rate, "RmsPropOptions.learning_rate");
    check_fraction(o.alpha, "RmsPropOptions.alpha");
    check_positive_finite(o.epsilon, "RmsPropOptions.epsilon");
    check_non_negative(o.weight_decay, "RmsPropOptions.weight_decay");
    check_fraction(o.momentum, "RmsPropOptions.momentum");
}

}  // namespace

RNN4J_VECTOR_CLONES
void rmsprop_step(const RmsPropOptions& options, int64_t size, float* params, const float* grads,
                  float* square_average, float* momentum_buffer) {
    check_options(options);
    check_positive(size, "size");
    check_not_null(params, "params", shape_text("n", size));
    check_not_null(grads, "grads", shape_text("n", size));
    check_not_null(square_average, "square_average", shape_text("n", size));
    const bool with_momentum = options.momentum > 0;
    if (with_momentum) {
        check_not_null(momentum_buffer, "momentum_buffer",
                       concat(shape_text("n", size), "; momentum is ", options.momentum));
    }
    const float lr = static_cast<float>(options.learning_rate);
    const float alpha = static_cast<float>(options.alpha);
    const float one_minus_alpha = static_cast<float>(1.0 - options.alpha);  // in double, as for Adam's betas
    const float epsilon = static_cast<float>(options.epsilon);
    const float decay = static_cast<float>(options.weight_decay);
    const float momentum = static_cast<float>(options.momentum);
    for (int64_t i = 0; i < size; ++i) {
        const float g = grads[i] + decay * params[i];
        const float s = alpha * square_average[i] + one_minus_alpha * g * g;
        square_average[i] = s;
        const float update = g / (std::sqrt(s) + epsilon);
        if (with_momentum) {
            const float b = momentum * momentum_buffer[i] + update;
            momentum_buffer[i] = b;
            params[i] -= lr * b;
        } else {
            params[i] -= lr * update;
        }
    }
}

}  // namespace rnn4j
