package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Dense;
import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.io.Network2Format;
import dev.purenet.io.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code purenet export} between purenet's format and network2.py's, end to end through {@link Main#run}. */
class ExportCommandTest {
    @TempDir
    Path dir;
    private Path purenet;
    private Network network;
    private Path golden;

    private static CliHarness.Result run(String... args) {
        return CliHarness.run(args);
    }

    @BeforeEach
    void files() {
        network = Network.of(4, 3, 2).sigmoid().scaled(Seed.seed(5)); // as the library's Fixtures.network(5, 4, 3, 2)
        purenet = dir.resolve("net.json");
        Snapshots.write(purenet, network);
        golden = Path.of("src/test/resources/golden/network2-tiny.json").toAbsolutePath(); // the library's golden file (tests run at the root)
    }

    @ParameterizedTest
    @CsvSource({"'',quadratic", "quadratic,quadratic", "cross-entropy,cross-entropy"})
    void purenetToNetwork2(String flag, String cost) {
        Path out = dir.resolve("n2.json");
        CliHarness.Result r = flag.isEmpty()
                ? run("export", "--network", purenet.toString(), "--format", "network2", "--out", out.toString())
                : run("export", "--network", purenet.toString(), "--format", "network2", "--out", out.toString(), "--cost", flag);
        assertEquals(0, r.code(), r.err());
        assertEquals("Read a 4-3-2 network (purenet format) from " + purenet + ", wrote it to " + out
                + " (network2.py format, " + cost + " cost)\n", r.out());
        assertEquals(new Network2Format.Loaded(network, Cost.named(cost)), Network2Format.read(out));
    }

    @Test
    void network2ToPurenetAndBackGivesTheSameBytes() throws IOException {
        Path out = dir.resolve("p.json");
        CliHarness.Result r = run("export", "--network", golden.toString(), "--format", "purenet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Read a 3-4-2 network (network2.py format) from " + golden + ", wrote it to " + out
                + " (purenet format; the cross-entropy cost is not kept)\n", r.out());
        assertEquals(Network2Format.read(golden).network(), Snapshots.read(out));

        Path back = dir.resolve("back.json");
        assertEquals(0, run("export", "--network", out.toString(), "--format", "network2", "--out", back.toString(),
                "--cost", "cross-entropy").code());
        assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(back));
    }

    @Test
    void network2ToNetwork2KeepsItsCostUnlessTold() throws IOException {
        Path same = dir.resolve("same.json");
        CliHarness.Result r = run("export", "--network", golden.toString(), "--format", "network2", "--out", same.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("(network2.py format, cross-entropy cost)\n"), r.out());
        assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(same));

        Path quadratic = dir.resolve("quadratic.json");
        assertEquals(0, run("export", "--network", golden.toString(), "--format", "network2", "--out", quadratic.toString(),
                "--cost", "quadratic").code());
        assertEquals(Cost.quadratic(), Network2Format.read(quadratic).cost());
    }

    @Test
    void purenetToPurenetRewritesTheSameBytes() throws IOException {
        Path out = dir.resolve("copy.json");
        assertEquals(0, run("export", "--network", purenet.toString(), "--format", "purenet", "--out", out.toString()).code());
        assertArrayEquals(Files.readAllBytes(purenet), Files.readAllBytes(out));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--format|keras|--cost|quadratic|--format must be network2 or purenet, got keras",
            "--format|network2|--cost|log-likelihood|--cost must be quadratic or cross-entropy (the costs network2.py has), got log-likelihood",
            "--format|purenet|--cost|quadratic|--cost applies only to --format network2; a plain purenet network file has no cost field"})
    void badFlagsGiveOneClearLineAndExitCode2(String flag1, String value1, String flag2, String value2, String message) {
        Path out = dir.resolve("out.json");
        CliHarness.Result r = run("export", "--network", purenet.toString(), "--out", out.toString(), flag1, value1, flag2, value2);
        assertEquals(2, r.code());
        assertEquals("purenet: " + message + "\nTry 'purenet export --help' for more information.\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void missingFlagsAreUsageErrors() {
        CliHarness.Result r = run("export", "--network", purenet.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: Missing required options: '--format=network2|purenet', '--out=FILE'\n"), r.err());
    }

    @Test
    void aFileInNeitherFormatIsOneLineAndExitCode1() throws IOException {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"model\": \"keras\"}");
        CliHarness.Result r = run("export", "--network", other.toString(), "--format", "purenet", "--out", dir.resolve("o.json").toString());
        assertEquals(1, r.code());
        assertEquals("purenet: " + other + ": expected a purenet network (an object with \"format\": \"purenet.network\") or a"
                + " network2.py network (an object with \"sizes\", \"weights\" and \"biases\"), got object {\"model\":\"keras\"}\n", r.err());
    }

    @Test
    void aBadNetwork2FileIsNamedWithItsJsonPath() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"),
                "{\"sizes\": [1, 1], \"weights\": [[[1.0]]], \"biases\": [[[0.0]]], \"cost\": \"LogLikelihoodCost\"}");
        CliHarness.Result r = run("export", "--network", bad.toString(), "--format", "purenet", "--out", dir.resolve("o.json").toString());
        assertEquals(1, r.code());
        assertEquals("purenet: " + bad + ": cost: unknown cost 'LogLikelihoodCost', expected one of [QuadraticCost, CrossEntropyCost]\n",
                r.err());
    }

    @Test
    void aMissingFileIsOneLineAndExitCode1() {
        Path missing = dir.resolve("nope.json");
        CliHarness.Result r = run("export", "--network", missing.toString(), "--format", "network2", "--out", dir.resolve("o.json").toString());
        assertEquals(1, r.code());
        assertEquals("purenet: " + missing + ": no such file\n", r.err());
    }

    @Test
    void aTanhNetworkCannotBeExportedToNetwork2() {
        Dense last = (Dense) network.layers().last();
        Path tanh = dir.resolve("tanh.json");
        Snapshots.write(tanh, network.withLayer(1, new Dense(last.weights(), last.biases(), Activation.tanh())));
        Path out = dir.resolve("o.json");
        CliHarness.Result r = run("export", "--network", tanh.toString(), "--format", "network2", "--out", out.toString());
        assertEquals(1, r.code());
        assertEquals("purenet: layer 2 (3 -> 2, tanh): network2.py's format has only sigmoid layers, got tanh\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void hasHelp() {
        CliHarness.Result r = run("export", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: purenet export"), r.out());
    }
}
