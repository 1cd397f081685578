// Adam (L2 weight decay) and AdamW (decoupled weight decay), fused into one pass over the parameter.
#include <cmath>

#include "op_checks.hpp"
#include "rnn4j_ops.h"
#include "vector_loops.hpp"

namespace rnn4j {

namespace {

/** How the weight decay enters the step. */
enum DecayKind { DECAY_L2, DECAY_DECOUPLED };

void check_step(const AdamOptions& o, int64_t step, int64_t size, const float* params, const float* grads,
                const float* first_moment, const float* second_moment) {
    check_non_negative(o.learning_rate, "AdamOptions.learning_rate");
    check_fraction(o.beta1, "AdamOptions.beta1");
    check_fraction(o.beta2, "AdamOptions.beta2");
    check_positive_finite(o.epsilon, "AdamOptions.epsilon");
    check_non_negative(o.weight_decay, "AdamOptions.weight_decay");
    check_positive(step, "step");
    check_positive(size, "size");
    check_not_null(params, "params", shape_text("n", size));
    check_not_null(grads, "grads", shape_text("n", size));
    check_not_null(first_moment, "first_moment", shape_text("n", size));
    check_not_null(second_moment, "second_moment", shape_text("n", size));
}

/** The per-step constants of one Adam update. */
struct AdamScalars {
    float step_size, inv_sqrt_correction2, beta1, one_minus_beta1, beta2, one_minus_beta2, epsilon, l2, shrink;
};

RNN4J_VECTOR_CLONES
void adam_loop(const AdamScalars& k, int64_t size, float* __restrict params, const float* __restrict grads,
               float* __restrict first_moment, float* __restrict second_moment) {
    for (int64_t i = 0; i < size; ++i) {
        const float p = params[i] * k.shrink;
        const float g = grads[i] + k.l2 * p;
        const float m = k.beta1 * first_moment[i] + k.one_minus_beta1 * g;
        const float v = k.beta2 * second_moment[i] + k.one_minus_beta2 * g * g;
        first_moment[i] = m;
        second_moment[i] = v;
        params[i] = p - k.step_size * m / (std::sqrt(v) * k.inv_sqrt_correction2 + k.epsilon);
    }
}

void adam_family_step(DecayKind decay_kind, const AdamOptions& o, int64_t step, int64_t size, float* params,
                      const float* grads, float* first_moment, float* second_moment) {
    check_step(o, step, size, params, grads, first_moment, second_moment);
    const double t = static_cast<double>(step);
    AdamScalars k;
    k.step_size = static_cast<float>(o.learning_rate / (1.0 - std::pow(o.beta1, t)));
    k.inv_sqrt_correction2 = static_cast<float>(1.0 / std::sqrt(1.0 - std::pow(o.beta2, t)));
    // 1 − β is taken in double: in f32, 1 − f32(0.999) would be off by 1.3e-5 relative.
    k.beta1 = static_cast<float>(o.beta1);
    k.one_minus_beta1 = static_cast<float>(1.0 - o.beta1);
    k.beta2 = static_cast<float>(o.beta2);
    k.one_minus_beta2 = static_cast<float>(1.0 - o.beta2);
    k.epsilon = static_cast<float>(o.epsilon);
    k.l2 = decay_kind == DECAY_L2 ? static_cast<float>(o.weight_decay) : 0.0f;
    k.shrink = decay_kind == DECAY_DECOUPLED ? static_cast<float>(1.0 - o.learning_rate * o.weight_decay) : 1.0f;
    adam_loop(k, size, params, grads, first_moment, second_moment);
}

}  // namespace

void adam_step(const AdamOptions& options, int64_t step, int64_t size, float* params, const float* grads,
               float* first_moment, float* second_moment) {
    adam_family_step(DECAY_L2, options, step, size, params, grads, first_moment, second_moment);
}

void adamw_step(const AdamOptions& options, int64_t step, int64_t size, float* params, const float* grads,
                float* first_moment, float* second_moment) {
    adam_family_step(DECAY_DECOUPLED, options, step, size, params, grads, first_moment, second_moment);
}

}  // namespace rnn4j
