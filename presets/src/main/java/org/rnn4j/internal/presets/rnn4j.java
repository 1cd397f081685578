package org.rnn4j.internal.presets;

import org.bytedeco.dnnl.presets.dnnl;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * JavaCPP presets for librnn4j ({@code cpp/include/rnn4j.h}, {@code rnn4j_ops.h} and {@code rnn4j_layout.h}). Inheriting
 * the dnnl presets makes {@code Loader} load {@code libdnnl.so.3} (and its OpenMP runtime) from the
 * org.bytedeco:dnnl jar before our libraries. The generated classes land in {@code org.rnn4j.internal}: public rnn4j
 * types wrap them and nothing outside {@code org.rnn4j} should use them directly.
 */
@Properties(
        inherit = dnnl.class,
        value = @Platform(
                value = {"linux-x86_64", "linux-arm64", "macosx-x86_64", "windows-x86_64"},
                compiler = "cpp17",
                include = {"rnn4j.h", "rnn4j_ops.h", "rnn4j_layout.h"},
                link = "rnn4j"),
        target = "org.rnn4j.internal",
        global = "org.rnn4j.internal.global.rnn4j")
public class rnn4j implements InfoMapper {
    @Override
    public void map(InfoMap infoMap) {
        infoMap.put(new Info("RNN4J_H", "RNN4J_OPS_H").cppTypes().annotations())
                .put(new Info("rnn4j::RnnKernel::RnnKernel(const rnn4j::RnnKernel&)",
                        "rnn4j::RnnKernel::operator =").skip())
                .put(new Info("rnn4j::LinearKernel::LinearKernel(const rnn4j::LinearKernel&)",
                        "rnn4j::LinearKernel::operator =").skip());
    }
}
