// RnnKernel: validates each call, then runs it fused (fixed lengths) or packed (variable lengths).
#include "fused_rnn.hpp"
#include "packed_rnn.hpp"
#include "rnn4j.h"
#include "validation.hpp"

namespace rnn4j {

struct RnnKernel::Impl {
    RnnDesc desc;
    FusedRnn fused;
    PackedRnn packed;

    explicit Impl(const RnnDesc& d) : desc((validate_desc(d), d)), fused(d), packed(d) {}
};

RnnKernel::RnnKernel(const RnnDesc& desc) : impl_(new Impl(desc)) {}

RnnKernel::~RnnKernel() { delete impl_; }

int64_t RnnKernel::workspace_bytes(int64_t steps, int64_t batch, const int32_t* lengths) {
    check_arg(steps > 0, "steps must be > 0, got ", steps);
    check_arg(batch > 0, "batch must be > 0, got ", batch);
    if (lengths) {
        validate_lengths(lengths, steps, batch);
        return impl_->packed.workspace_bytes(steps, batch, lengths);
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

int64_t RnnKernel::cached_primitives() { return impl_->fused.cached_primitives() + impl_->packed.cached_primitives(); }

}  // namespace rnn4j
