package dev.purenet.cli;

import dev.purenet.data.Mnist;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in a child JVM, as ./purenet does, for what needs a process: kills, heaps, its own stdout. */
final class ChildJvm {
    private ChildJvm() {}

    /** Starts {@code purenet args} with the launcher's settings; stdout and stderr go to files in {@code logs}. */
    static Process start(Path logs, String name, String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Djava.library.path=/usr/lib/jni", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto"));
        if (heap != null) {
            command.add(heap);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".err").toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        return pb.start();
    }

    record Result(int code, String out, String err) {}

    static Result run(Path logs, String name, String heap, String... args) throws IOException, InterruptedException {
        Process p = start(logs, name, heap, args);
        int code = p.waitFor();
        return new Result(code, Files.readString(logs.resolve(name + ".out")), Files.readString(logs.resolve(name + ".err")));
    }

    private static byte[] idx(int magic, int[] dims, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(body).array();
    }

    /**
     * {@code trainCount} 4x4 images (the last 10,000 are the validation set) and 500 test images:
     * each image's brightest pixel is its label, plus noise, so that a network learns something.
     */
    static Path data(Path dir, int trainCount) throws IOException {
        Path data = Files.createDirectories(dir);
        java.util.Random random = new java.util.Random(7);
        for (String[] names : new String[][] {{Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS}, {Mnist.TEST_IMAGES, Mnist.TEST_LABELS}}) {
            int count = names[0].equals(Mnist.TRAIN_IMAGES) ? trainCount : 500;
            byte[] pixels = new byte[count * 16];
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                int label = random.nextInt(10);
                labels[i] = (byte) label;
                for (int k = 0; k < 16; k++) {
                    pixels[i * 16 + k] = (byte) random.nextInt(100);
                }
                pixels[i * 16 + label] = (byte) 250;
            }
            Files.write(data.resolve(names[0]), idx(0x803, new int[] {count, 4, 4}, pixels));
            Files.write(data.resolve(names[1]), idx(0x801, new int[] {count}, labels));
        }
        return data;
    }
}
