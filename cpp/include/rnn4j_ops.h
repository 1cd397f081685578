// rnn4j ops: the rest of a training step around the recurrent kernels (linear layer, embedding,
// losses, dropout, gradient clipping, optimizer updates), as a flat, oneDNN-free surface that
// JavaCPP parses like rnn4j.h.
//
// Buffers are caller-owned, dense and row-major: f32 values, int64 ids and targets, f64 per-sequence
// losses. They must stay valid during the call. Sizes: M rows, K input features, O output features, V vocabulary size,
// E embedding size, C classes, F features per row, n elements.
// Every function checks its arguments before it touches memory and throws InvalidArgument
// (a std::invalid_argument) naming the argument, the expected and the actual value.
// Gradient modes are the GradientMode values of rnn4j.h.
#ifndef RNN4J_OPS_H
#define RNN4J_OPS_H

#include <cstdint>

#include "rnn4j.h"

namespace rnn4j {

/**
 * A fully connected layer y [M, O] = x [M, K] · weightsᵀ + bias [O], weights [O, K] (PyTorch's nn.Linear
 * layout), on oneDNN matmul (the weights are read transposed in place).
 * Primitives are cached by M and role (forward, input gradient, weight gradient) in a bounded cache
 * (least recently used evicted first; DEFAULT_PRIMITIVE_CACHE_CAPACITY entries unless set).
 * Thread-safe: calls may run on one kernel from any number of threads at once.
 * In PRECISION_BF16 the matmuls read bf16 copies of their inputs (x, weights, diff_y; converted at each call)
 * and write f32 (y, diff_x, diff_weights): bias, outputs and gradients stay f32. Needs oneDNN's effective CPU
 * ISA to include avx512_core_bf16 (bf16_supported).
 */
class LinearKernel {
public:
    LinearKernel(int64_t in_features, int64_t out_features, Precision precision = PRECISION_F32);
    ~LinearKernel();

    /** y [M, O] = x [M, K] · weightsᵀ + bias [O], weights [O, K]; bias null = no bias. */
    void forward(int64_t rows, const float* x, const float* weights, const float* bias, float* y);

    /**
     * Backward of forward from diff_y [M, O]:
     *   diff_x [M, K] = diff_y · weights             (always overwritten; needs weights [O, K])
     *   diff_weights [O, K] = diff_yᵀ · x             (per gradient_mode; needs x)
     *   diff_bias [O] = column sums of diff_y         (per gradient_mode)
     * Each of diff_x, diff_weights, diff_bias may be null (not wanted), but not all three.
     */
    void backward(GradientMode gradient_mode, int64_t rows, const float* x, const float* weights, const float* diff_y,
                  float* diff_x, float* diff_weights, float* diff_bias);

    /** Number of oneDNN primitives currently cached. */
    int64_t cached_primitives();

    /** Bounds the primitive cache to `entries` (>= 1), evicting the least recently used beyond it. */
    void set_primitive_cache_capacity(int64_t entries);

    int64_t primitive_cache_capacity();

    /** Cache entries evicted since the kernel was made. */
    int64_t primitive_cache_evictions();

private:
    LinearKernel(const LinearKernel&);
    LinearKernel& operator=(const LinearKernel&);
    struct Impl;
    Impl* impl_;
};

/** padding_id of embedding_backward when no id is padding. */
enum EmbeddingPadding {
    EMBEDDING_NO_PADDING = -1
};

/** out [M, E] = the rows of table [V, E] picked by ids [M]; every id must be in [0, V). */
void embedding_forward(int64_t vocab_size, int64_t embedding_size, int64_t count, const float* table,
                       const int64_t* ids, float* out);

/**
 * diff_table [V, E] = (or +=, per gradient_mode) the rows of diff_out [M, E] added at ids [M].
 * Rows whose id equals padding_id (in [0, V), or EMBEDDING_NO_PADDING) add nothing.
 */
void embedding_backward(GradientMode gradient_mode, int64_t vocab_size, int64_t embedding_size, int64_t count,
                        const int64_t* ids, const float* diff_out, int64_t padding_id, float* diff_table);

/**
 * Softmax cross-entropy of logits [M, C] against targets [M] (each in [0, C)) with a row mask [M]
 * (finite weights >= 0; 1 = counts, 0 = padding; null = all 1):
 * sum_m mask[m] · (log sum_c exp(logits[m, c]) − logits[m, targets[m]]) / max(sum_m mask[m], 1).
 * Rows with mask 0 are skipped (their logits may be anything). Computed in double.
 */
double softmax_cross_entropy_forward(int64_t rows, int64_t classes, const float* logits, const int64_t* targets,
                                     const float* mask);

/**
 * diff_logits [M, C] (overwritten) = diff_loss · mask[m] · (softmax(logits[m]) − onehot(targets[m]))
 * / max(sum mask, 1); diff_loss must be finite.
 */
void softmax_cross_entropy_backward(int64_t rows, int64_t classes, const float* logits, const int64_t* targets,
                                    const float* mask, double diff_loss, float* diff_logits);

/**
 * Mean squared error of prediction [M, F] against target [M, F] with a row mask [M] (as for cross-entropy):
 * sum_m mask[m] · sum_f (prediction − target)² / (F · max(sum_m mask[m], 1)). Computed in double.
 */
double mean_squared_error_forward(int64_t rows, int64_t features, const float* prediction, const float* target,
                                  const float* mask);

/**
 * diff_prediction [M, F] (overwritten) = diff_loss · 2 · mask[m] · (prediction − target)
 * / (F · max(sum mask, 1)); diff_loss must be finite.
 */
void mean_squared_error_backward(int64_t rows, int64_t features, const float* prediction, const float* target,
                                 const float* mask, double diff_loss, float* diff_prediction);

/** What the CTC functions do with a sequence whose target no alignment can produce (an infinite loss). */
enum CtcInfinity {
    CTC_KEEP_INFINITY = 0,  // its loss stays +inf and its gradient is NaN (PyTorch's zero_infinity=False)
    CTC_ZERO_INFINITY = 1   // its loss is 0 and its gradient 0 (PyTorch's zero_infinity=True)
};

/**
 * Connectionist temporal classification (Graves et al. 2006), one loss per sequence: losses [N] (overwritten)
 * = −log p(target_n | logits), summed over every alignment of T_n = input_lengths[n] steps that collapses
 * (repeats merged, then blanks dropped) to target_n, by the forward recursion in log space (double).
 * logits [T, N, C] are unnormalised scores (a softmax over C is taken inside); steps past T_n are ignored.
 * input_lengths [N] in [0, T]; target_lengths [N] >= 0; targets holds the N targets one after another
 * (sum of target_lengths ids, each in [0, C) and != blank); blank in [0, C). A target that needs more
 * steps than T_n (its length plus one per repeated neighbour) has p = 0: see CtcInfinity.
 */
void ctc_loss_forward(int64_t steps, int64_t batch, int64_t classes, const float* logits, const int64_t* input_lengths,
                      const int64_t* targets, const int64_t* target_lengths, int64_t blank, CtcInfinity infinity,
                      double* losses);

/**
 * diff_logits [T, N, C] (overwritten) = diff_losses[n] · ∂losses[n]/∂logits[t, n, :] = diff_losses[n] ·
 * (softmax(logits[t, n]) − γ[t, n]) for t < T_n, 0 for t >= T_n, where γ[t, n, c] is the posterior
 * probability that the alignment emits c at step t (forward–backward in log space). diff_losses [N] finite.
 * Arguments as for ctc_loss_forward.
 */
void ctc_loss_backward(int64_t steps, int64_t batch, int64_t classes, const float* logits, const int64_t* input_lengths,
                       const int64_t* targets, const int64_t* target_lengths, int64_t blank, CtcInfinity infinity,
                       const double* diff_losses, float* diff_logits);

/**
 * Inverted dropout: y [n] = x [n] · keep(seed, i) / (1 − probability), probability in [0, 1).
 * keep(seed, i) = (mix64(mix64(seed) + i·γ) >> 32) >= floor(probability · 2³²), mix64 = splitmix64's finaliser,
 * γ = 0x9E3779B97F4A7C15: true with probability 1 − probability, and the same seed gives the same mask. The
 * dropout between stacked layers (RnnDesc.dropout) is the same mask with seed dropout_seed + layer·γ.
 * x and y may be the same buffer.
 */
void dropout_forward(int64_t count, double probability, int64_t seed, const float* x, float* y);

/** diff_x [n] = diff_y [n] · keep(seed, i) / (1 − probability): the forward's mask, re-derived from its seed. */
void dropout_backward(int64_t count, double probability, int64_t seed, const float* diff_y, float* diff_x);

/**
 * Global L2 norm of count buffers (buffers[i] holds sizes[i] floats), summed in double. When it is
 * finite and above max_norm (finite, > 0) every buffer is scaled by max_norm / norm. Returns the
 * norm before clipping; a NaN or infinite norm is returned with the buffers left untouched.
 */
double clip_by_global_norm(float** buffers, const int64_t* sizes, int64_t count, double max_norm);

/** Clamps every element of count buffers to [−max_value, max_value] (max_value finite, > 0); NaN stays NaN. */
void clip_by_value(float** buffers, const int64_t* sizes, int64_t count, double max_value);

/** How SGD applies its velocity. */
enum MomentumKind {
    MOMENTUM_CLASSIC = 0,   // p −= lr · v
    MOMENTUM_NESTEROV = 1   // p −= lr · (g + momentum · v)
};

/** SGD hyper-parameters (PyTorch's SGD without dampening). */
struct SgdOptions {
    double learning_rate = 0.01;           // finite, >= 0
    double momentum = 0;                   // in [0, 1); 0 = no velocity
    MomentumKind momentum_kind = MOMENTUM_CLASSIC;  // MOMENTUM_NESTEROV needs momentum > 0
    double weight_decay = 0;               // finite, >= 0; added to the gradient (L2)
};

/**
 * One SGD step on params [n] from grads [n]: g = grad + weight_decay · p; v = momentum · v + g;
 * p −= lr · (v, or g + momentum · v for Nesterov). velocity [n] is needed when momentum > 0, else ignored.
 */
void sgd_step(const SgdOptions& options, int64_t size, float* params, const float* grads, float* velocity);

/** Adam and AdamW hyper-parameters. */
struct AdamOptions {
    double learning_rate = 1e-3;  // finite, >= 0
    double beta1 = 0.9;           // in [0, 1)
    double beta2 = 0.999;         // in [0, 1)
    double epsilon = 1e-8;        // finite, > 0
    double weight_decay = 0;      // finite, >= 0: L2 for adam_step, decoupled for adamw_step
};

/**
 * One Adam step (step = 1, 2, ... for bias correction) on params [n] from grads [n], updating
 * first_moment [n] and second_moment [n]: g = grad + weight_decay · p; m = β1 m + (1 − β1) g;
 * v = β2 v + (1 − β2) g²; p −= lr · (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε).
 */
void adam_step(const AdamOptions& options, int64_t step, int64_t size, float* params, const float* grads,
               float* first_moment, float* second_moment);

/** AdamW: like adam_step without the L2 term, after p −= lr · weight_decay · p (decoupled weight decay). */
void adamw_step(const AdamOptions& options, int64_t step, int64_t size, float* params, const float* grads,
                float* first_moment, float* second_moment);

/** RMSProp hyper-parameters (PyTorch's RMSprop, not centred). */
struct RmsPropOptions {
    double learning_rate = 0.01;  // finite, >= 0
    double alpha = 0.99;          // smoothing of the squared gradient, in [0, 1)
    double epsilon = 1e-8;        // finite, > 0
    double weight_decay = 0;      // finite, >= 0; added to the gradient (L2)
    double momentum = 0;          // in [0, 1); 0 = no momentum buffer
};

/**
 * One RMSProp step on params [n] from grads [n]: g = grad + weight_decay · p; s = α s + (1 − α) g²;
 * u = g / (sqrt(s) + ε); with momentum b = momentum · b + u, p −= lr · b; else p −= lr · u.
 * square_average [n] is always needed; momentum_buffer [n] when momentum > 0, else ignored.
 */
void rmsprop_step(const RmsPropOptions& options, int64_t size, float* params, const float* grads,
                  float* square_average, float* momentum_buffer);

}  // namespace rnn4j

#endif  // RNN4J_OPS_H
