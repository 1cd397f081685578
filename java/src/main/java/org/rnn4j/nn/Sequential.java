package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;

/**
 * Blocks run one after the other, forward and backward: the output of each is the input of the next,
 * and {@link #backward} chains the blocks' backwards in reverse order, so a composed model needs no
 * hand-written backward. Every block sees the same {@link SequenceContext} (lengths, training or
 * inference, initial states). A {@code Sequential} owns its blocks: closing it closes them.
 *
 * <p>A text classifier: token ids → embedding → two recurrent blocks with different specs → the final
 * state → a linear head, trained with the {@link org.rnn4j.train.Trainer} on cross-entropy:
 * <pre>{@code
 * Kernels kernels = Kernels.of(Backend.JVM);
 * Sequential network = Sequential.of(
 *         new Embedding("embedding", 20, 8, kernels, 1),                                 // [T, N] → [T, N, 8]
 *         new RecurrentBlock("rnn1", Recurrent.gru(16), 8, Backend.JVM, 2),              // → [T, N, 16]
 *         new RecurrentBlock("rnn2", Recurrent.lstm(12).bidirectional(), 16, Backend.JVM, 3), // → [T, N, 24]
 *         new FinalState(Recurrent.lstm(12).bidirectional().toConfig(16)),             // → [N, 24]
 *         new Linear("head", 24, 2, kernels, 4));                                       // → [N, 2]
 * try (ComposedModel<ClassificationBatch> model = ComposedModel.of(network, Objective.classification(), Backend.JVM);
 *      Trainer<ClassificationBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2)).build()) {
 *     // each batch: ClassificationBatch(SequenceBatch.ofTokens(texts), labels)
 *     trainer.fit(batches, null, Epochs.of(20));
 *     float[] scores = model.outputs(batches.get(0));                                 // [N, 2]
 * }
 * }</pre>
 * ({@code org.rnn4j.models.ComposedModel} and {@code Objective} pair a network with a loss.)
 */
public final class Sequential implements Block<Sequential.Pass> {
    private final List<Block<?>> blocks;
    private final List<Parameter> parameters;

    /** A forward through every block: each block's pass, and the last output. */
    public static final class Pass implements Block.Pass {
        private final List<Ran<?>> ran;
        private final Tensor output;

        private Pass(List<Ran<?>> ran, Tensor output) {
            this.ran = ran;
            this.output = output;
        }

        @Override
        public Tensor output() {
            return output;
        }

        /** The final state of recurrent block {@code block} in this forward (nested networks included). */
        public RnnState finalState(String block) {
            RnnState state = find(block);
            if (state == null) {
                throw new IllegalArgumentException("block must name a recurrent block of this network, got '" + block
                        + "'");
            }
            return state;
        }

        private RnnState find(String block) {
            for (Ran<?> r : ran) {
                if (r.pass() instanceof RecurrentBlock.Pass p && r.block().name().equals(block)) {
                    return p.finalState();
                }
                if (r.pass() instanceof Pass nested && nested.find(block) != null) {
                    return nested.find(block);
                }
            }
            return null;
        }
    }

    /** One block's forward, kept with its block so that the backward needs no cast. */
    private record Ran<P extends Block.Pass>(Block<P> block, P pass) {
        static <P extends Block.Pass> Ran<P> forward(Block<P> block, Tensor x, SequenceContext context) {
            return new Ran<>(block, block.forward(x, context));
        }

        Tensor backward(Tensor outputGradient) {
            return block.backward(pass, outputGradient);
        }
    }

    private Sequential(List<Block<?>> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a sequential network needs at least one block, got none");
        }
        this.blocks = List.copyOf(blocks);
        this.parameters = Parameters.of(this.blocks.toArray(Layer[]::new));
    }

    /** The blocks in order; their parameter names must be unique. The network owns them from now on. */
    public static Sequential of(Block<?>... blocks) {
        return of(List.of(blocks));
    }

    /** The blocks in order; their parameter names must be unique. The network owns them from now on. */
    public static Sequential of(List<? extends Block<?>> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            Objects.requireNonNull(blocks.get(i), "blocks[" + i + "]");
        }
        return new Sequential(new ArrayList<>(blocks));
    }

    /** The blocks, in order. */
    public List<Block<?>> blocks() {
        return blocks;
    }

    /** The recurrent blocks, in order (nested networks included). */
    public List<RecurrentBlock> recurrentBlocks() {
        List<RecurrentBlock> out = new ArrayList<>();
        for (Block<?> b : blocks) {
            if (b instanceof RecurrentBlock r) {
                out.add(r);
            } else if (b instanceof Sequential s) {
                out.addAll(s.recurrentBlocks());
            }
        }
        return out;
    }

    /** x → each block in turn → the last block's output. */
    @Override
    public Pass forward(Tensor x, SequenceContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        List<Ran<?>> ran = new ArrayList<>(blocks.size());
        Tensor y = x;
        for (Block<?> block : blocks) {
            Ran<?> r = Ran.forward(block, y, context);
            ran.add(r);
            y = r.pass().output();
        }
        return new Pass(List.copyOf(ran), y);
    }

    /** dy of the last output → each block's backward in reverse order → dx (null when the first block takes ids). */
    @Override
    public Tensor backward(Pass pass, Tensor outputGradient) {
        Tensor d = Objects.requireNonNull(outputGradient, "outputGradient");
        for (int i = pass.ran.size() - 1; i >= 0; i--) {
            if (d == null) {
                throw new IllegalStateException("block '" + pass.ran.get(i + 1).block().name() + "' gives no input "
                        + "gradient (it reads token ids), so it must come first, but '" + pass.ran.get(i).block().name()
                        + "' is before it");
            }
            d = pass.ran.get(i).backward(d);
        }
        return d;
    }

    /** Seeds each block's randomness from one stream of seeds, in block order. */
    @Override
    public void seed(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (Block<?> b : blocks) {
            b.seed(seeds.nextLong());
        }
    }

    /** Every block's stream chained: one step of N streams through the whole network. */
    @Override
    public BlockStream stream(int streams) {
        List<BlockStream> opened = new ArrayList<>();
        try {
            for (Block<?> b : blocks) {
                opened.add(b.stream(streams));
            }
        } catch (RuntimeException e) {
            opened.forEach(BlockStream::close);
            throw e;
        }
        return BlockStream.chain(opened);
    }

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void close() {
        for (Block<?> b : blocks) {
            b.close();
        }
    }
}
