// The dropout mask between stacked layers: a pure function of (seed, layer, position), so backward
// re-derives the forward's mask instead of storing it. Position is the element's index in the padded
// [T, N, O] layer output. org.rnn4j.rnn.DropoutMask computes the same values in Java.
#ifndef RNN4J_DROPOUT_MASK_HPP
#define RNN4J_DROPOUT_MASK_HPP

#include <cstdint>

namespace rnn4j {

/** splitmix64's finaliser. */
inline uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/** The factor applied to element `position` of layer `layer`'s output: 0 or 1 / (1 - p). */
inline float dropout_factor(int64_t seed, int64_t layer, int64_t position, float p) {
    const uint64_t h = mix64(static_cast<uint64_t>(seed) ^ mix64(static_cast<uint64_t>(layer) * 0x9e3779b97f4a7c15ULL +
                                                                static_cast<uint64_t>(position)));
    const double u = static_cast<double>(h >> 11) * 0x1.0p-53;  // uniform in [0, 1)
    return u < p ? 0.0f : 1.0f / (1.0f - p);
}

}  // namespace rnn4j

#endif  // RNN4J_DROPOUT_MASK_HPP
