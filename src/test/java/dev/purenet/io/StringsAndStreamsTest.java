package dev.purenet.io;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Dense;
import dev.purenet.Fixtures;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.math.Matrix;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Networks, run snapshots and experiments as strings and on caller-owned streams: the file's bytes, the file's checks. */
class StringsAndStreamsTest {
    @TempDir
    Path dir;
    private final Dataset data = Synthetic.rings(60, seed(1));
    private final Experiment experiment = Experiment.of(Network.of(2, 4, 3).activations(Activation.tanh(), Activation.softmax()),
            Init.xavier(), 3, data).withCost(Cost.logLikelihood()).withEta(0.3).withMomentum(0.5).withEpochs(2);
    private final Network network = Fixtures.network(17, 5, 4, 3);

    /** A stream that remembers whether it was closed. */
    private static final class Watched extends ByteArrayOutputStream {
        boolean closed;
        int flushes;

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    private static final class WatchedInput extends FilterInputStream {
        boolean closed;

        WatchedInput(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static WatchedInput input(String json) {
        return new WatchedInput(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNetworkIsTheSameBytesInAFileAStringAndAStream() throws IOException {
        Path file = dir.resolve("n.json");
        Snapshots.write(file, network);
        byte[] fromFile = Files.readAllBytes(file);
        String json = Snapshots.toJson(network);
        Watched stream = new Watched();
        Snapshots.write(stream, network);
        assertArrayEquals(fromFile, json.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(fromFile, stream.toByteArray());
        assertFalse(stream.closed, "the caller's stream is left open");
        assertTrue(stream.flushes > 0, "and flushed");
        assertEquals(network, Snapshots.fromJson(json));
        WatchedInput in = input(json);
        assertEquals(network, Snapshots.read(in, "net.json in a jar"));
        assertFalse(in.closed, "the caller's stream is left open");
    }

    @Test
    void aRunsSnapshotIsTheSameBytesInAFileAStringAndAStream() throws IOException {
        Epoch epoch = experiment.run(data, Monitor.all(data, data, Cost.logLikelihood())).last();
        Path file = dir.resolve("epoch.json");
        Snapshots.write(file, epoch, experiment);
        byte[] fromFile = Files.readAllBytes(file);
        String json = Snapshots.toJson(epoch, experiment);
        Watched stream = new Watched();
        Snapshots.write(stream, epoch, experiment);
        assertArrayEquals(fromFile, json.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(fromFile, stream.toByteArray());
        assertEquals(new Snapshots.Recorded(epoch, experiment), Snapshots.epochFromJson(json));
        assertEquals(new Snapshots.Recorded(epoch, experiment), Snapshots.readEpoch(input(json), "run"));
        assertEquals(epoch.network(), Snapshots.fromJson(json), "a run's snapshot is also a network");
    }

    @Test
    void anExperimentIsTheSameBytesInAFileAStringAndAStream() throws IOException {
        Path file = dir.resolve("experiment.json");
        Experiments.write(file, experiment);
        byte[] fromFile = Files.readAllBytes(file);
        String json = Experiments.toJson(experiment);
        Watched stream = new Watched();
        Experiments.write(stream, experiment);
        assertArrayEquals(fromFile, json.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(fromFile, stream.toByteArray());
        assertFalse(stream.closed);
        assertEquals(experiment, Experiments.fromJson(json));
        WatchedInput in = input(json);
        assertEquals(experiment, Experiments.read(in, "experiment"));
        assertFalse(in.closed);
    }

    @Test
    void errorsNameTheStringOrTheGivenSourceWhereTheyWouldNameTheFile() throws IOException {
        String json = "{\"format\":\"purenet.network\",\"version\":\"1\",\"sizes\":[2,1],\"layers\":[]}";
        Path file = Files.writeString(dir.resolve("bad.json"), json);
        String fromFile = assertThrows(SnapshotException.class, () -> Snapshots.read(file)).getMessage();
        assertEquals(file + ": version: expected an integer, got string \"1\"", fromFile);
        assertEquals("<string>: version: expected an integer, got string \"1\"",
                assertThrows(SnapshotException.class, () -> Snapshots.fromJson(json)).getMessage());
        assertEquals("https://example.org/n.json: version: expected an integer, got string \"1\"",
                assertThrows(SnapshotException.class, () -> Snapshots.read(input(json), "https://example.org/n.json"))
                        .getMessage());
        assertEquals("<string>: training: missing field",
                assertThrows(SnapshotException.class, () -> Snapshots.epochFromJson(Snapshots.toJson(network))).getMessage());
        assertEquals("<string>: format: expected \"purenet.experiment\", got \"purenet.network\"",
                assertThrows(SnapshotException.class, () -> Experiments.fromJson(Snapshots.toJson(network))).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void anEmptyInputIsNamed(String json) {
        assertEquals("<string>: the input is empty; expected a JSON object",
                assertThrows(SnapshotException.class, () -> Snapshots.fromJson(json)).getMessage());
        assertEquals("s: the input is empty; expected a JSON object",
                assertThrows(SnapshotException.class, () -> Experiments.read(input(json), "s")).getMessage());
    }

    @Test
    void syntaxErrorsAndTrailingContentAreRefusedWithTheirPlace() {
        String json = Snapshots.toJson(network);
        String message = assertThrows(SnapshotException.class, () -> Snapshots.fromJson(json + "{}")).getMessage();
        assertTrue(message.startsWith("<string>: not valid JSON: Trailing token"), message);
        message = assertThrows(SnapshotException.class, () -> Snapshots.read(input("{\"format\": "), "in")).getMessage();
        assertTrue(message.startsWith("in: not valid JSON: Unexpected end-of-input"), message);
        assertTrue(message.contains(" at line 1, column "), message);
    }

    @Test
    void aNetworkWithNonFiniteParametersIsNotWrittenAnywhere() {
        Network broken = new Network(io.vavr.collection.Vector.of(new Dense(Matrix.of(new double[][] {{Double.NaN}}),
                Matrix.column(0.0), Activation.sigmoid())));
        Watched stream = new Watched();
        assertThrows(IllegalArgumentException.class, () -> Snapshots.toJson(broken));
        assertThrows(IllegalArgumentException.class, () -> Snapshots.write(stream, broken));
        assertEquals(0, stream.size());
    }

    @Test
    void failingStreamsAreUncheckedIoErrorsNamingWhatFailed() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        assertEquals("cannot write the network to the stream: No space left on device",
                assertThrows(UncheckedIOException.class, () -> Snapshots.write(full, network)).getMessage());
        assertEquals("cannot write the experiment to the stream: No space left on device",
                assertThrows(UncheckedIOException.class, () -> Experiments.write(full, experiment)).getMessage());
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        assertEquals("cannot read https://example.org/n.json: Connection reset",
                assertThrows(UncheckedIOException.class, () -> Snapshots.read(broken, "https://example.org/n.json")).getMessage());
    }
}
