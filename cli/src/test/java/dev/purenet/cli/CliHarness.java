package dev.purenet.cli;

import dev.purenet.data.Mnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process and makes tiny MNIST-format data sets for the CLI tests. */
final class CliHarness {
    private CliHarness() {}

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static byte[] idx(int magic, int[] dims, int count, int modulo) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + count);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % modulo));
        }
        return b.array();
    }

    /** 10,100 training images of 2x2 pixels (100 for training, 10,000 for validation) and 50 test images. */
    static Path tinyMnist(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve(Mnist.TRAIN_IMAGES), idx(0x803, new int[] {10_100, 2, 2}, 40_400, 251));
        Files.write(data.resolve(Mnist.TRAIN_LABELS), idx(0x801, new int[] {10_100}, 10_100, 10));
        Files.write(data.resolve(Mnist.TEST_IMAGES), idx(0x803, new int[] {50, 2, 2}, 200, 253));
        Files.write(data.resolve(Mnist.TEST_LABELS), idx(0x801, new int[] {50}, 50, 10));
        return data;
    }
}
