#include "cpu_features.hpp"

#include <oneapi/dnnl/dnnl.hpp>

#include "errors.hpp"
#include "rnn4j.h"

namespace rnn4j {

namespace {

// oneDNN's ISA values are nested bit sets: an ISA includes another when it has all of its bits.
bool includes(dnnl_cpu_isa_t isa, dnnl_cpu_isa_t feature) {
    return (static_cast<unsigned>(isa) & static_cast<unsigned>(feature)) == static_cast<unsigned>(feature);
}

}  // namespace

int bf16_supported() { return includes(dnnl_get_effective_cpu_isa(), dnnl_cpu_isa_avx512_core_bf16) ? 1 : 0; }

const char* cpu_isa_name() {
    switch (dnnl_get_effective_cpu_isa()) {
        case dnnl_cpu_isa_sse41: return "sse41";
        case dnnl_cpu_isa_avx: return "avx";
        case dnnl_cpu_isa_avx2: return "avx2";
        case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni";
        case dnnl_cpu_isa_avx2_vnni_2: return "avx2_vnni_2";
        case dnnl_cpu_isa_avx512_core: return "avx512_core";
        case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
        case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
        case dnnl_cpu_isa_avx10_1_512: return "avx10_1_512";
        case dnnl_cpu_isa_avx10_1_512_amx: return "avx512_core_amx";
        case dnnl_cpu_isa_avx10_1_512_amx_fp16: return "avx512_core_amx_fp16";
        default: return "default";
    }
}

void require_bf16(const char* what) {
    check_arg(bf16_supported() == 1, what, " in bf16 needs the CPU feature avx512_core_bf16 (AVX512-BF16; AMX makes it ",
              "fast), but oneDNN's effective CPU ISA here is ", cpu_isa_name(), ": use f32 precision");
}

}  // namespace rnn4j
