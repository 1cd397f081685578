// librnn4j's one dropout mask, used by the dropout op (ops/dropout.cpp) and between stacked layers
// (fused_rnn.cpp, packed_rnn.cpp). Element i under seed s is kept when the top 32 bits of
// mix64(mix64(s) + i·γ) reach floor(p · 2³²); kept elements are scaled by 1 / (1 − p). A pure function of
// (p, seed, i), so backward re-derives the forward's mask instead of storing it. Between layers the seed of
// layer l is dropout_seed + l·γ and i is the position in the padded [T, N, O] layer output.
// org.rnn4j.backend.DropoutMask (with org.rnn4j.backend.SplitMix64) is the same function in Java.
#ifndef RNN4J_DROPOUT_MASK_HPP
#define RNN4J_DROPOUT_MASK_HPP

#include <cstdint>

namespace rnn4j {

constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;  // splitmix64's increment γ

/** splitmix64's finaliser. */
inline uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/** The mask of one (probability, seed). */
class DropoutMask {
public:
    DropoutMask(double probability, int64_t seed)
        : key_(mix64(static_cast<uint64_t>(seed))),
          threshold_(static_cast<uint64_t>(probability * 4294967296.0)),
          scale_(static_cast<float>(1.0 / (1.0 - probability))) {}

    /** The mask between layer `layer` and the next: seed dropout_seed + layer·γ. */
    static DropoutMask of_layer(double probability, int64_t dropout_seed, int64_t layer) {
        return DropoutMask(probability, static_cast<int64_t>(static_cast<uint64_t>(dropout_seed) +
                                                             static_cast<uint64_t>(layer) * kGoldenGamma));
    }

    /** True when element i survives. */
    bool kept(int64_t i) const { return (mix64(key_ + static_cast<uint64_t>(i) * kGoldenGamma) >> 32) >= threshold_; }

    /** The factor of element i: 0 or 1 / (1 − probability). */
    float factor(int64_t i) const { return kept(i) ? scale_ : 0.0f; }

    /** out [n] = in [n] · factor(i); in and out may be the same buffer. */
    void apply(int64_t count, const float* in, float* out) const {
        for (int64_t i = 0; i < count; ++i) {
            out[i] = kept(i) ? in[i] * scale_ : 0.0f;
        }
    }

private:
    uint64_t key_;        // mix64(seed)
    uint64_t threshold_;  // probability · 2³²: P(keep) = 1 − threshold / 2³²
    float scale_;         // 1 / (1 − probability)
};

}  // namespace rnn4j

#endif  // RNN4J_DROPOUT_MASK_HPP
