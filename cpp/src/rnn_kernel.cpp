// RnnKernel: validates each call, then runs it fused (fixed lengths) or packed (variable lengths).
#include "fused_rnn.hpp"
#include "packed_rnn.hpp"
#include "rnn4j.h"
#include "validation.hpp"

namespace rnn4j {

struct RnnKernel::Impl {
    RnnDesc desc;
    PrimitiveCache primitives;  // shared by both executors, so one bound covers the kernel
    FusedRnn fused;
    PackedRnn packed;

    explicit Impl(const RnnDesc& d)
        : desc((validate_desc(d), d)), primitives(DEFAULT_PRIMITIVE_CACHE_CAPACITY), fused(d, primitives),
          packed(d, primitives) {}
};

RnnKernel::RnnKernel(const RnnDesc& desc) : impl_(new Impl(desc)) {}

RnnKernel::~RnnKernel() { delete impl_; }

int64_t RnnKernel::workspace_bytes(int64_t steps, int64_t batch, const int32_t* lengths) {
    return workspace_bytes(steps, batch, lengths, FINAL_STATES_ALL);
}

int64_t RnnKernel::workspace_bytes(int64_t steps, int64_t batch, const int32_t* lengths, int final_states) {
    validate_final_states(final_states);
    check_arg(steps > 0, "steps must be > 0, got ", steps);
    check_arg(batch > 0, "batch must be > 0, got ", batch);
    if (lengths) {
        validate_lengths(lengths, steps, batch);
        return impl_->packed.workspace_bytes(steps, batch, lengths, final_states);
    }
    return impl_->fused.workspace_bytes(steps, batch);
}

void RnnKernel::forward(RnnPropagation propagation, const RnnData& data) {
    validate_forward(impl_->desc, propagation, data);
    if (data.lengths) {
        impl_->packed.forward(propagation, data);
    } else {
        impl_->fused.forward(propagation, data);
    }
}

void RnnKernel::backward(GradientMode gradient_mode, const RnnData& data) {
    validate_backward(impl_->desc, gradient_mode, data);
    if (data.lengths) {
        impl_->packed.backward(gradient_mode, data);
    } else {
        impl_->fused.backward(gradient_mode, data);
    }
}

int64_t RnnKernel::cached_primitives() { return impl_->primitives.sum(primitive_count); }

int64_t RnnKernel::cached_shapes() { return impl_->primitives.size(); }

void RnnKernel::set_primitive_cache_capacity(int64_t entries) {
    check_arg(entries >= 1, "primitive cache capacity must be >= 1, got ", entries);
    impl_->primitives.set_capacity(entries);
}

int64_t RnnKernel::primitive_cache_capacity() { return impl_->primitives.capacity(); }

int64_t RnnKernel::primitive_cache_evictions() { return impl_->primitives.evictions(); }

}  // namespace rnn4j
