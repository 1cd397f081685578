package org.rnn4j.examples.fashion;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (Zalando, 2017) as Debian's {@code dataset-fashion-mnist} installs it: four gzipped IDX
 * files in {@code /usr/share/datasets/fashion-mnist/}, 60 000 training and 10 000 test images of 28 × 28
 * grey pixels (0 = background, 255 = ink), each labelled with one of ten {@link #CLASSES}.
 *
 * <p>An IDX file is a big-endian header — two zero bytes, a type byte (0x08 = unsigned byte), the
 * number of dimensions d — then d 32-bit sizes, then the values. {@link #readIdx} checks all of it:
 * magic, type, dimensions, sizes, and that the file holds exactly that many values.
 */
public final class FashionMnist {
    /** Where the Debian package puts the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** The command that installs them. */
    public static final String INSTALL = "sudo apt-get install -y dataset-fashion-mnist";
    /** Image side: each image is ROWS × COLUMNS pixels. */
    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int PIXELS = ROWS * COLUMNS;
    /** The class names, by label (the dataset's own table, lower case). */
    public static final List<String> CLASSES = List.of("t-shirt/top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");
    /** Mean and standard deviation of a training pixel (of value / 255), to centre the inputs. */
    private static final float MEAN = 0.2860f;
    private static final float STD = 0.3530f;

    private static final int UNSIGNED_BYTE = 0x08;

    private final byte[] pixels;   // [n, 28, 28], row-major
    private final byte[] labels;   // [n]

    private FashionMnist(byte[] pixels, byte[] labels) {
        this.pixels = pixels;
        this.labels = labels;
    }

    /** The training split (60 000 images) from {@code directory}. */
    public static FashionMnist train(Path directory) throws IOException {
        return read(directory, "train");
    }

    /** The test split (10 000 images) from {@code directory}. */
    public static FashionMnist test(Path directory) throws IOException {
        return read(directory, "t10k");
    }

    private static FashionMnist read(Path directory, String split) throws IOException {
        Path images = directory.resolve(split + "-images-idx3-ubyte.gz");
        Path labels = directory.resolve(split + "-labels-idx1-ubyte.gz");
        for (Path file : List.of(images, labels)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("Fashion-MNIST not found: no " + file + " (install it with: "
                        + INSTALL + ")");
            }
        }
        Idx x = readIdx(images, 3);
        Idx y = readIdx(labels, 1);
        if (x.dims()[1] != ROWS || x.dims()[2] != COLUMNS) {
            throw new IOException(images + ": expected " + ROWS + " x " + COLUMNS + " images, got " + x.dims()[1]
                    + " x " + x.dims()[2]);
        }
        if (x.dims()[0] != y.dims()[0]) {
            throw new IOException(images + " holds " + x.dims()[0] + " images but " + labels + " holds "
                    + y.dims()[0] + " labels");
        }
        for (int i = 0; i < y.values().length; i++) {
            if (y.values()[i] < 0 || y.values()[i] >= CLASSES.size()) {
                throw new IOException(labels + ": label " + i + " is " + y.values()[i] + ", expected 0.."
                        + (CLASSES.size() - 1));
            }
        }
        return new FashionMnist(x.values(), y.values());
    }

    /** An IDX array of unsigned bytes: its sizes and its values, row-major. */
    public record Idx(int[] dims, byte[] values) {
    }

    /**
     * Reads a gzipped IDX file of unsigned bytes with {@code expectedDims} dimensions.
     *
     * @throws IOException naming the file when the magic, type, dimensions or sizes are wrong, or the
     *                     file is truncated or has bytes after its values
     */
    public static Idx readIdx(Path file, int expectedDims) throws IOException {
        try (InputStream raw = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(raw)) {
            int zero0 = in.readUnsignedByte();
            int zero1 = in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int dims = in.readUnsignedByte();
            if (zero0 != 0 || zero1 != 0) {
                throw new IOException(file + ": not an IDX file (magic bytes " + zero0 + ", " + zero1
                        + ", expected 0, 0)");
            }
            if (type != UNSIGNED_BYTE) {
                throw new IOException(file + ": IDX type 0x" + Integer.toHexString(type)
                        + ", expected 0x08 (unsigned byte)");
            }
            if (dims != expectedDims) {
                throw new IOException(file + ": " + dims + " dimensions, expected " + expectedDims);
            }
            int[] sizes = new int[dims];
            long count = 1;
            for (int d = 0; d < dims; d++) {
                sizes[d] = in.readInt();
                if (sizes[d] <= 0) {
                    throw new IOException(file + ": dimension " + d + " has size " + sizes[d] + ", expected > 0");
                }
                count *= sizes[d];
                if (count > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": too many values (" + count + "+)");
                }
            }
            byte[] values = new byte[(int) count];
            in.readFully(values);
            if (in.read() != -1) {
                throw new IOException(file + ": more bytes than its " + count + " values");
            }
            return new Idx(sizes, values);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated (ends before its header or values are complete)", e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a gzip file or corrupt (" + e.getMessage() + ")", e);
        }
    }

    /** Images in this split. */
    public int size() {
        return labels.length;
    }

    /** The label (0..9) of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Pixel (row, column) of image {@code i}, 0..255. */
    public int pixel(int i, int row, int column) {
        return pixels[i * PIXELS + row * COLUMNS + column] & 0xff;
    }

    /** Image {@code i} as ROWS steps of COLUMNS features: one pixel row per time step, centred and scaled. */
    public float[][] rows(int i) {
        float[][] out = new float[ROWS][COLUMNS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                out[r][c] = scaled(pixels[i * PIXELS + r * COLUMNS + c]);
            }
        }
        return out;
    }

    /** Image {@code i} as one vector of PIXELS values, centred and scaled. */
    public float[] vector(int i) {
        float[] out = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            out[p] = scaled(pixels[i * PIXELS + p]);
        }
        return out;
    }

    /** The first {@code n} images (all of them when {@code n} >= size). */
    public FashionMnist head(int n) {
        return slice(0, Math.min(n, size()));
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive). */
    public FashionMnist slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of " + size() + " images");
        }
        byte[] p = java.util.Arrays.copyOfRange(pixels, from * PIXELS, to * PIXELS);
        byte[] l = java.util.Arrays.copyOfRange(labels, from, to);
        return new FashionMnist(p, l);
    }

    private static float scaled(byte value) {
        return ((value & 0xff) / 255f - MEAN) / STD;
    }
}
