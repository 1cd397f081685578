// rnn4j native API: the flat, oneDNN-free surface that JavaCPP parses.
//
// Layouts use oneDNN's vocabulary. With T steps, N sequences, L layers, D directions (1 or 2),
// G gates, Gb bias gates, I input width, H hidden width, S state width (P with projection, else H),
// O = layer output width (S, or 2*S for bidirectional concat), and I_l = I for layer 0, O after:
//   src_layer        [T, N, I]              tnc
//   src_iter         [L, D, N, S]           ldnc      (null = zeros)
//   src_iter_c       [L, D, N, H]           ldnc      (LSTM; null = zeros)
//   weights_layer    layer 0 [D, I, G, H], then layers 1..L-1 [D, O, G, H]   ldigo, concatenated
//   weights_iter     [L, D, S, G, H]        ldigo
//   weights_peephole [L, D, 3, H]           ldgo      (LSTM with peephole; gates i, f, o)
//   weights_projection [L, D, H, P]         ldio      (LSTM with projection)
//   bias             [L, D, Gb, H]          ldgo
//   dst_layer        [T, N, O]              tnc
//   dst_iter         [L, D, N, S]           ldnc      (null = not wanted)
//   dst_iter_c       [L, D, N, H]           ldnc      (LSTM; null = not wanted)
// Every diff_* buffer has the shape of the buffer it differentiates.
// Gate orders: LSTM i, f, c~, o; GRU and LBR-GRU u, r, o (LBR-GRU bias adds u').
#ifndef RNN4J_H
#define RNN4J_H

#include <cstdint>

namespace rnn4j {

/** Recurrent cell kinds (org.rnn4j.rnn.NativeRnn maps org.rnn4j.CellKind to them, by name). */
enum CellKind {
    CELL_RNN_TANH = 0,
    CELL_RNN_RELU = 1,
    CELL_RNN_SIGMOID = 2,
    CELL_LSTM = 3,
    CELL_GRU = 4,
    CELL_LBR_GRU = 5
};

/** Directions (org.rnn4j.rnn.NativeRnn maps org.rnn4j.Direction to them, by name). */
enum RnnDirection {
    DIRECTION_LEFT_TO_RIGHT = 0,
    DIRECTION_RIGHT_TO_LEFT = 1,
    DIRECTION_BIDIRECTIONAL_CONCAT = 2,
    DIRECTION_BIDIRECTIONAL_SUM = 3
};

/** Forward propagation kinds. */
enum RnnPropagation {
    PROPAGATION_INFERENCE = 0,  // no workspace written
    PROPAGATION_TRAINING = 1    // writes the workspace that backward reads
};

/** What backward does with the weight and bias gradient buffers. */
enum GradientMode {
    GRADIENTS_OVERWRITE = 0,
    GRADIENTS_ACCUMULATE = 1
};

/**
 * Arithmetic precision inside the kernels (caller buffers are always f32). In PRECISION_BF16 the
 * primitives read and write bf16 layer data, hidden states and weights (converted from and to the
 * caller's f32 buffers at each call; weights once per weights_version), while bias, LSTM cell states
 * and every gradient stay f32 (oneDNN's RNN data types). Not for projection LSTM (oneDNN has none);
 * needs oneDNN's effective CPU ISA to include avx512_core_bf16 (see bf16_supported).
 */
enum Precision {
    PRECISION_F32 = 0,
    PRECISION_BF16 = 1
};

/**
 * Which final states a call computes. With lengths, FINAL_STATES_NONE (outputs only) lets an LSTM run
 * a few coarse padded segments instead of one per distinct length; the other cells run coarse either
 * way (their h_n is the output at each sequence's last step).
 */
enum FinalStates {
    FINAL_STATES_ALL = 0,  // dst_iter(_c) written when given, diff_dst_iter(_c) read when given
    FINAL_STATES_NONE = 1  // outputs only: dst_iter, dst_iter_c, diff_dst_iter, diff_dst_iter_c must be null
};

/** Shapes a kernel's primitive cache holds until set_primitive_cache_capacity says otherwise. */
enum PrimitiveCacheDefaults { DEFAULT_PRIMITIVE_CACHE_CAPACITY = 64 };

/** Immutable description of a recurrent network (see the layouts above). */
struct RnnDesc {
    CellKind cell = CELL_LSTM;
    RnnDirection direction = DIRECTION_LEFT_TO_RIGHT;
    int64_t layers = 1;
    int64_t input_size = 0;
    int64_t hidden_size = 0;
    int64_t projection_size = 0;  // 0 = none (LSTM only)
    int peephole = 0;             // 1 = LSTM peephole weights
    float dropout = 0.0f;         // probability of zeroing a layer's output before the next layer, in [0, 1)
                                  // (training forwards only; the kept values are scaled by 1 / (1 - dropout))
    Precision precision = PRECISION_F32;
};

/** The buffers of one call; all float buffers are f32, caller-owned, and must stay valid during the call. */
struct RnnData {
    int64_t steps = 0;                 // T
    int64_t batch = 0;                 // N
    int64_t weights_version = 0;       // bump whenever the weights change: reordered copies are cached by it
    const int32_t* lengths = nullptr;  // [N] sequence lengths in [1, T]; null = all T (packed-sequence semantics)
    int final_states = FINAL_STATES_ALL;  // a training forward and its backward must pass the same value
    int64_t dropout_seed = 0;          // seeds the dropout masks: same seed, same masks (backward reuses them);
                                       // layer l's mask is dropout_forward's with seed dropout_seed + l·0x9E3779B97F4A7C15
    const float* src_layer = nullptr;
    const float* src_iter = nullptr;
    const float* src_iter_c = nullptr;
    const float* weights_layer = nullptr;
    const float* weights_iter = nullptr;
    const float* weights_peephole = nullptr;
    const float* weights_projection = nullptr;
    const float* bias = nullptr;
    float* dst_layer = nullptr;
    float* dst_iter = nullptr;
    float* dst_iter_c = nullptr;
    void* workspace = nullptr;         // training forward writes it, backward reads it
    int64_t workspace_size = 0;        // bytes at workspace; must be >= RnnKernel::workspace_bytes(steps, batch)
    float* diff_src_layer = nullptr;
    float* diff_src_iter = nullptr;
    float* diff_src_iter_c = nullptr;
    float* diff_weights_layer = nullptr;
    float* diff_weights_iter = nullptr;
    float* diff_weights_peephole = nullptr;
    float* diff_weights_projection = nullptr;
    float* diff_bias = nullptr;
    const float* diff_dst_layer = nullptr;
    const float* diff_dst_iter = nullptr;    // null = zeros
    const float* diff_dst_iter_c = nullptr;  // null = zeros
};

/**
 * A recurrent network on oneDNN's fused RNN primitives. With lengths, sequences are run exactly as
 * PyTorch's packed sequences: sorted by length, in time segments with a shrinking batch, each
 * direction starting at every sequence's own last step; outputs past a sequence's end are zero. Where
 * no final cell state is wanted (every cell but an LSTM, or FINAL_STATES_NONE), the segments are few
 * and run padded: the steps past a sequence's end get zero input and zero gradient, so its outputs,
 * h_n and all gradients are those of the exact run (to rounding).
 * Primitives are cached by shape and propagation kind in a bounded cache (least recently used evicted
 * first; DEFAULT_PRIMITIVE_CACHE_CAPACITY entries unless set); reordered weights are cached by
 * RnnData::weights_version.
 * Threads: inference forwards may run on one kernel from any number of threads at once (each call
 * has its own scratch buffers; the caches are locked; primitives are executed concurrently, which
 * oneDNN allows). Training calls (training forward, backward) must not overlap one another.
 */
class RnnKernel {
public:
    explicit RnnKernel(const RnnDesc& desc);
    ~RnnKernel();

    /** Bytes of workspace a training forward with these steps, batch and lengths (null = all T) needs. */
    int64_t workspace_bytes(int64_t steps, int64_t batch, const int32_t* lengths);

    /** The same for a forward with RnnData::final_states = final_states (FinalStates). */
    int64_t workspace_bytes(int64_t steps, int64_t batch, const int32_t* lengths, int final_states);

    /** Forward: reads src_*, weights, bias; writes dst_layer, and dst_iter(_c) when given. */
    void forward(RnnPropagation propagation, const RnnData& data);

    /** Backward after a training forward on the same buffers; writes every non-null diff_* buffer. */
    void backward(GradientMode gradient_mode, const RnnData& data);

    /** Number of primitives currently cached (forward and backward). */
    int64_t cached_primitives();

    /** Number of shapes (cache entries, each one forward and for training one backward) currently cached. */
    int64_t cached_shapes();

    /** Bounds the primitive cache to `entries` shapes (>= 1), evicting the least recently used beyond it. */
    void set_primitive_cache_capacity(int64_t entries);

    int64_t primitive_cache_capacity();

    /** Cache entries evicted since the kernel was made. */
    int64_t primitive_cache_evictions();

private:
    RnnKernel(const RnnKernel&);
    RnnKernel& operator=(const RnnKernel&);
    struct Impl;
    Impl* impl_;
};

/** The most threads set_num_threads accepts. */
enum ThreadLimit { MAX_THREADS = 1024 };

/** Threads oneDNN uses for calls from now on (any thread), at most MAX_THREADS; n <= 0 restores the default. */
void set_num_threads(int n);

/** Threads oneDNN will use. */
int num_threads();

/**
 * Entries of oneDNN's own process-wide primitive cache (which every kernel's cache draws on; oneDNN's
 * default 1024, or the ONEDNN_PRIMITIVE_CACHE_CAPACITY environment variable); 0 disables it.
 */
void set_onednn_primitive_cache_capacity(int entries);

int onednn_primitive_cache_capacity();

/**
 * Nanoseconds spent so far executing oneDNN primitives (recurrent, matmul and reorder) for any kernel
 * of this library, summed over calling threads: the part of a step's time inside oneDNN.
 */
int64_t primitive_nanoseconds();

/** The oneDNN version this library runs with, e.g. "3.8.1". */
const char* onednn_version();

/** 1 when oneDNN's effective CPU ISA includes avx512_core_bf16 (needed by PRECISION_BF16), else 0. */
int bf16_supported();

/** oneDNN's effective CPU ISA, e.g. "avx512_core_amx" or "avx2". */
const char* cpu_isa_name();

}  // namespace rnn4j

#endif  // RNN4J_H
