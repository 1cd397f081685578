#include "validation.hpp"

#include "cpu_features.hpp"
#include "errors.hpp"

namespace rnn4j {

namespace {

const char* cell_name(int cell) {
    switch (cell) {
        case CELL_RNN_TANH: return "RNN_TANH";
        case CELL_RNN_RELU: return "RNN_RELU";
        case CELL_RNN_SIGMOID: return "RNN_SIGMOID";
        case CELL_LSTM: return "LSTM";
        case CELL_GRU: return "GRU";
        case CELL_LBR_GRU: return "LBR_GRU";
        default: return "unknown";
    }
}

void require(const void* pointer, const char* name, const char* why) {
    check_arg(pointer != nullptr, "RnnData.", name, " must not be null (", why, ")");
}

void forbid(const void* pointer, const char* name, const char* why) {
    check_arg(pointer == nullptr, "RnnData.", name, " must be null (", why, ")");
}

void validate_common(const RnnDesc& desc, const RnnData& d) {
    check_arg(d.steps > 0, "RnnData.steps must be > 0, got ", d.steps);
    check_arg(d.batch > 0, "RnnData.batch must be > 0, got ", d.batch);
    require(d.src_layer, "src_layer", "the input sequence [T, N, I]");
    require(d.weights_layer, "weights_layer", "ldigo layer weights");
    require(d.weights_iter, "weights_iter", "ldigo iteration weights");
    require(d.bias, "bias", "ldgo bias; pass zeros for a bias-free cell");
    require(d.dst_layer, "dst_layer", "the output sequence [T, N, O]");
    const bool lstm = desc.cell == CELL_LSTM;
    if (desc.peephole) {
        require(d.weights_peephole, "weights_peephole", "the LSTM was created with peephole");
    } else {
        forbid(d.weights_peephole, "weights_peephole", "the network was created without peephole");
    }
    if (desc.projection_size > 0) {
        require(d.weights_projection, "weights_projection", "the LSTM was created with projection");
    } else {
        forbid(d.weights_projection, "weights_projection", "the network was created without projection");
    }
    validate_final_states(d.final_states);
    if (!lstm) {
        forbid(d.src_iter_c, "src_iter_c", "only LSTM has a cell state");
        forbid(d.dst_iter_c, "dst_iter_c", "only LSTM has a cell state");
    }
}

}  // namespace

void validate_desc(const RnnDesc& desc) {
    check_arg(desc.cell >= CELL_RNN_TANH && desc.cell <= CELL_LBR_GRU, "RnnDesc.cell must be in [0, 5], got ",
              desc.cell);
    check_arg(desc.direction >= DIRECTION_LEFT_TO_RIGHT && desc.direction <= DIRECTION_BIDIRECTIONAL_SUM,
              "RnnDesc.direction must be in [0, 3], got ", desc.direction);
    check_arg(desc.layers > 0, "RnnDesc.layers must be > 0, got ", desc.layers);
    check_arg(desc.input_size > 0, "RnnDesc.input_size must be > 0, got ", desc.input_size);
    check_arg(desc.hidden_size > 0, "RnnDesc.hidden_size must be > 0, got ", desc.hidden_size);
    check_arg(desc.projection_size >= 0, "RnnDesc.projection_size must be >= 0 (0 = none), got ",
              desc.projection_size);
    check_arg(desc.projection_size == 0 || desc.cell == CELL_LSTM,
              "RnnDesc.projection_size is only supported for LSTM, got cell ", cell_name(desc.cell));
    check_arg(desc.projection_size < desc.hidden_size || desc.projection_size == 0,
              "RnnDesc.projection_size must be < hidden_size ", desc.hidden_size, ", got ", desc.projection_size);
    check_arg(desc.peephole == 0 || desc.peephole == 1, "RnnDesc.peephole must be 0 or 1, got ", desc.peephole);
    check_arg(desc.dropout >= 0.0f && desc.dropout < 1.0f, "RnnDesc.dropout must be in [0, 1), got ", desc.dropout);
    check_arg(desc.peephole == 0 || desc.cell == CELL_LSTM, "RnnDesc.peephole is only supported for LSTM, got cell ",
              cell_name(desc.cell));
    switch (desc.precision) {
        case PRECISION_F32: break;
        case PRECISION_BF16:
            check_arg(desc.projection_size == 0, "RnnDesc.precision bf16 does not support projection LSTM ",
                      "(projection_size ", desc.projection_size, "; oneDNN has no bf16 projection LSTM): use f32");
            require_bf16("the recurrent kernel");
            break;
        default: check_arg(false, "RnnDesc.precision must be 0 (f32) or 1 (bf16), got ", static_cast<int>(desc.precision));
    }
}

void validate_forward(const RnnDesc& desc, int propagation, const RnnData& d) {
    check_arg(propagation == PROPAGATION_INFERENCE || propagation == PROPAGATION_TRAINING,
              "propagation must be 0 (inference) or 1 (training), got ", propagation);
    validate_common(desc, d);
    if (d.lengths) {
        validate_lengths(d.lengths, d.steps, d.batch);
    }
    if (propagation == PROPAGATION_TRAINING) {
        require(d.workspace, "workspace", "a training forward writes the workspace that backward reads");
    }
    if (d.final_states == FINAL_STATES_NONE) {
        forbid(d.dst_iter, "dst_iter", "final_states is FINAL_STATES_NONE: outputs only");
        forbid(d.dst_iter_c, "dst_iter_c", "final_states is FINAL_STATES_NONE: outputs only");
    }
}

void validate_backward(const RnnDesc& desc, int gradient_mode, const RnnData& d) {
    check_arg(gradient_mode == GRADIENTS_OVERWRITE || gradient_mode == GRADIENTS_ACCUMULATE,
              "gradient_mode must be 0 (overwrite) or 1 (accumulate), got ", gradient_mode);
    validate_common(desc, d);
    if (d.lengths) {
        validate_lengths(d.lengths, d.steps, d.batch);
    }
    require(d.workspace, "workspace", "backward reads the workspace of the training forward");
    require(d.diff_dst_layer, "diff_dst_layer", "the gradient of the output sequence [T, N, O]");
    if (d.final_states == FINAL_STATES_NONE) {
        forbid(d.diff_dst_iter, "diff_dst_iter", "final_states is FINAL_STATES_NONE: the forward computed no final state");
        forbid(d.diff_dst_iter_c, "diff_dst_iter_c",
               "final_states is FINAL_STATES_NONE: the forward computed no final state");
    }
    if (desc.cell != CELL_LSTM) {
        forbid(d.diff_src_iter_c, "diff_src_iter_c", "only LSTM has a cell state");
        forbid(d.diff_dst_iter_c, "diff_dst_iter_c", "only LSTM has a cell state");
    }
    if (!desc.peephole) {
        forbid(d.diff_weights_peephole, "diff_weights_peephole", "the network was created without peephole");
    }
    if (desc.projection_size == 0) {
        forbid(d.diff_weights_projection, "diff_weights_projection", "the network was created without projection");
    }
}

void validate_final_states(int final_states) {
    check_arg(final_states == FINAL_STATES_ALL || final_states == FINAL_STATES_NONE,
              "final_states must be 0 (FINAL_STATES_ALL) or 1 (FINAL_STATES_NONE), got ", final_states);
}

void validate_lengths(const int32_t* lengths, int64_t steps, int64_t batch) {
    for (int64_t n = 0; n < batch; ++n) {
        check_arg(lengths[n] >= 1 && lengths[n] <= steps, "RnnData.lengths[", n, "] must be in [1, T = ", steps,
                  "], got ", lengths[n]);
    }
}

void check_workspace(const RnnData& d, long long required_bytes) {
    if (d.workspace == nullptr) {
        return;
    }
    check_arg(d.workspace_size >= required_bytes, "RnnData.workspace_size must be >= ", required_bytes,
              " bytes for steps=", d.steps, " batch=", d.batch, ", got ", d.workspace_size);
}

}  // namespace rnn4j
