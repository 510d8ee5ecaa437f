package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code purenet bench --layers ... --vs-torch}: the torch script's output, a stand-in python that
 * speaks its protocol with known times, the errors when python or torch is missing or the layers
 * are refused, the script on its own (it must train, not only run), and one real run beside
 * purenet when an interpreter with torch is installed. Never the times purenet measures.
 */
class BenchVsTorchTest {
    private static final String LAYERS = "conv 3x1x1 relu, pool 2, softmax 10";

    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
    }

    @Test
    void parsesEachLineTheScriptPrints() {
        assertEquals(new TorchReference.Line.Describe("torch 1.13.0 threads 1 mkldnn True"),
                TorchReference.parse("torch 1.13.0 threads 1 mkldnn True"));
        assertEquals(new TorchReference.Line.Ready(), TorchReference.parse("ready"));
        assertEquals(new TorchReference.Line.Epoch("float64", 3, 0.4512345678901), TorchReference.parse("epoch float64 3 0.4512345678901"));
        assertEquals(new TorchReference.Line.Epoch("float32", 1, 1.5e-05), TorchReference.parse("epoch float32 1 1.5e-05"));
        assertEquals(new TorchReference.Line.Correct("float32", 46810, 50000), TorchReference.parse("correct float32 46810 50000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "torch", "ready now", "epoch 1 0.5", "epoch float16 1 0.5", "epoch float64 one 0.5",
            "epoch float64 1 -0.5", "epoch float64 1 nan", "correct 9 10", "correct float64 9 of 10", "numpy 2.0 openblas",
            "Traceback (most recent call last):"})
    void anyOtherLineIsAnErrorThatShowsIt(String line) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TorchReference.parse(line));
        assertEquals("torch_network.py printed '" + line + "', expected 'torch VERSION ...', 'ready', 'epoch DTYPE K SECONDS' or"
                + " 'correct DTYPE C N'", e.getMessage());
    }

    @Test
    void theScriptsLayerParserRefusesDropoutWithItsReason() throws Exception {
        // Needs python3 only: the layers are checked before torch is imported.
        assumeTrue(StandInPython.runs("python3", "-c", "pass"), "python3 is not installed");
        Path script = TorchReference.writeScript(dir);
        Run run = run(List.of("python3", script.toString(), "--describe", "--layers", "conv 20x5x5 relu, pool 2, dense 100 relu dropout 0.5,"
                + " softmax 10"));
        assertEquals(2, run.code(), run.output());
        assertEquals("torch_network.py: layer item 3 \"dense 100 relu dropout 0.5\": dropout is not supported by the torch reference"
                + " (bench times training without dropout); remove it\n", run.output());
        Run unknown = run(List.of("python3", script.toString(), "--describe", "--layers", "conv 20x5x5 softplus, softmax 10"));
        assertEquals(2, unknown.code(), unknown.output());
        assertEquals("torch_network.py: layer item 1 \"conv 20x5x5 softplus\": the torch reference knows the activations sigmoid, tanh,"
                + " relu, identity, got softplus\n", unknown.output());
    }

    @Test
    void benchReportsRefusedLayersAsAUsageErrorBeforeReadingData() {
        assumeTrue(StandInPython.runs("python3", "-c", "pass"), "python3 is not installed");
        CliHarness.Result r = CliHarness.run("bench", "--data", dir.resolve("nothing here").toString(), "--vs-torch",
                "--layers", "dense 5 relu dropout 0.5, softmax 10");
        assertEquals(2, r.code(), r.out());
        assertEquals("", r.out());
        assertEquals("purenet: --vs-torch: layer item 1 \"dense 5 relu dropout 0.5\": dropout is not supported by the torch reference"
                + " (bench times training without dropout); remove it\nTry 'purenet bench --help' for more information.\n", r.err());
    }

    @Test
    void withoutPythonBenchSaysWhatToInstallAndTimesNothing() {
        Path missing = dir.resolve("no-such-python3");
        CliHarness.Result r = bench("--python", missing.toString());
        StandInPython.assertSaysWhatToInstall(r, missing, "torch");
    }

    @Test
    void withoutTorchBenchSaysWhatToInstallBeforeReadingData() throws IOException {
        Path python = StandInPython.write(dir, """
                echo 'Traceback (most recent call last):' >&2
                echo '  File "torch_network.py", line 254, in main' >&2
                echo "ModuleNotFoundError: No module named 'torch'" >&2
                exit 1
                """);
        CliHarness.Result r = CliHarness.run("bench", "--data", dir.resolve("nothing here").toString(), "--layers", LAYERS,
                "--vs-torch", "--python", python.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("", r.out());
        assertEquals("purenet: --vs-torch needs torch, and '" + python + "' cannot import torch (ModuleNotFoundError: No module"
                + " named 'torch'); install it with 'apt-get install python3-torch', or name an interpreter that has it with --python\n",
                r.err());
    }

    @Test
    void torchRowsAndRatiosComeFromTheScriptsEpochsInEachPrecision() throws IOException {
        Path arguments = dir.resolve("arguments");
        // Two timed epochs of fast (float64: 2 and 4 seconds) and of fast-float32 (1 and 1), asked for by name.
        Path python = StandInPython.write(dir, """
                case " $* " in *" --describe "*)
                  echo "torch 0.0 threads $OMP_NUM_THREADS $MKL_NUM_THREADS $OPENBLAS_NUM_THREADS"; exit 0;;
                esac
                for a in "$@"; do printf '%%s|' "$a"; done > '%s'
                echo 'torch 0.0 threads 1'
                echo ready
                i64=0; i32=0
                while read d; do
                  if [ "$d" = float64 ]; then
                    i64=$((i64+1)); if [ $i64 = 1 ]; then s=2.0; else s=4.0; fi; echo "epoch float64 $i64 $s"
                  elif [ "$d" = float32 ]; then
                    i32=$((i32+1)); echo "epoch float32 $i32 1.0"
                  else exit 4; fi
                done
                echo 'correct float64 42 100'
                echo 'correct float32 41 100'
                """.formatted(arguments));
        CliHarness.Result r = bench("--python", python.toString(), "--batch", "10", "--epochs", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("torch 0.0 threads 1 1 1 through " + python + ", one thread, one epoch after each timed purenet epoch in the same"
                + " precision", lines.get(3));
        assertTrue(lines.get(4).endsWith(" peak heap  vs torch"), lines.get(4));
        String number = "\\d+\\.\\d{3}";
        String prefix = "4-C3x1p2-10 +10 +";
        String times = " +" + number + " +" + number + " +" + number + " +- +";
        assertTrue(lines.get(5).matches(prefix + "fast" + times + "1\\.000 +\\d+\\.\\d +\\d+ MB +" + number), lines.get(5));
        assertTrue(lines.get(6).matches(prefix + "fast-float32" + times + number + " +\\d+\\.\\d +\\d+ MB +" + number), lines.get(6));
        // Each path over torch's median in its own precision: 3 s in float64, 1 s in float32.
        double fast = Double.parseDouble(lines.get(5).split(" +")[3]);
        assertEquals(Math.round(fast / 3.0 * 1000) / 1000.0, Double.parseDouble(lines.get(5).split(" +")[11]), 0.0011, lines.get(5));
        double float32 = Double.parseDouble(lines.get(6).split(" +")[3]);
        assertEquals(Math.round(float32 * 1000) / 1000.0, Double.parseDouble(lines.get(6).split(" +")[11]), 0.0011, lines.get(6));
        assertTrue(lines.get(7).matches(prefix + "torch +3\\.000 +2\\.000 +4\\.000 +- +" + number + " +\\d+\\.\\d +- +1\\.000"),
                lines.get(7));
        assertTrue(lines.get(8).matches(prefix + "torch-float32 +1\\.000 +1\\.000 +1\\.000 +- +" + number + " +\\d+\\.\\d +- +1\\.000"),
                lines.get(8));
        assertTrue(r.out().contains("  torch's float64 network, after 3 epochs, classifies 42 of 100 training images right\n"), r.out());
        assertTrue(r.out().contains("  torch's float32 network, after 3 epochs, classifies 41 of 100 training images right\n"), r.out());
        assertEquals(List.of("--data", data.toAbsolutePath().toString(), "--images", "100", "--layers", LAYERS, "--batch", "10",
                "--eta", "0.1", "--warmup", "1", "--seed", "1", "--dtypes", "float64,float32", "--paced"),
                List.of(Files.readString(arguments).split("\\|")).stream().skip(1).toList());
    }

    @Test
    void aScriptThatDiesMidRunEndsBenchWithItsLastErrorLine() throws IOException {
        Path python = StandInPython.write(dir, """
                case " $* " in *" --describe "*) echo 'torch 0.0'; exit 0;; esac
                echo 'torch 0.0'
                echo ready
                read line
                echo 'Traceback (most recent call last):' >&2
                echo 'RuntimeError: [enforce fail at alloc_cpu.cpp:75] data. DefaultCPUAllocator: not enough memory' >&2
                exit 1
                """);
        CliHarness.Result r = bench("--python", python.toString(), "--batch", "10", "--paths", "fast", "--epochs", "2");
        assertEquals(1, r.code(), r.out());
        assertEquals("purenet: torch_network.py stopped before its 'epoch' line: RuntimeError: [enforce fail at alloc_cpu.cpp:75] data."
                + " DefaultCPUAllocator: not enough memory", r.err().lines().reduce((first, second) -> second).orElse(""), r.err());
    }

    @Test
    void theScriptTrainsItsOwnNetworkToClassifyEasyImages() throws Exception {
        String python = torchPython();
        assumeTrue(python != null, "no python3 with torch (/usr/bin/python3 -c 'import torch')");
        // 200 images of 4x4: a bright 2x2 quadrant gives the label (0 to 3), the other pixels noise.
        Path easy = Files.createDirectories(dir.resolve("easy"));
        int n = 200;
        ByteBuffer images = ByteBuffer.allocate(16 + 16 * n).putInt(0x803).putInt(n).putInt(4).putInt(4);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            int k = i % 4;
            labels.put((byte) k);
            for (int p = 0; p < 16; p++) {
                boolean bright = p / 4 / 2 == k / 2 && p % 4 / 2 == k % 2;
                images.put((byte) (bright ? 255 : (i * 37 + p * 11) % 60));
            }
        }
        Files.write(easy.resolve("train-images-idx3-ubyte"), images.array());
        Files.write(easy.resolve("train-labels-idx1-ubyte"), labels.array());
        Run run = run(List.of(python, TorchReference.writeScript(dir).toString(), "--data", easy.toString(), "--images", "200",
                "--layers", "conv 4x3x3 relu, softmax 10", "--epochs", "5", "--warmup", "0", "--eta", "0.1"));
        assertEquals(0, run.code(), run.output());
        List<String> lines = run.output().lines().toList();
        assertTrue(lines.get(0).matches("torch \\S+ threads 1 mkldnn (True|False)"), run.output());
        assertEquals(10, lines.stream().filter(l -> l.matches("epoch float(64|32) [1-5] \\S+")).count(), run.output());
        for (String dtype : List.of("float64", "float32")) {
            String correct = lines.stream().filter(l -> l.startsWith("correct " + dtype + " ")).findFirst().orElseThrow();
            assertTrue(Integer.parseInt(correct.split(" ")[2]) >= 190, run.output());
        }
    }

    @Test
    void theRealScriptRunsBesidePurenetWhenTorchIsInstalled() throws Exception {
        String python = torchPython();
        assumeTrue(python != null, "no python3 with torch (/usr/bin/python3 -c 'import torch')");
        CliHarness.Result r = bench("--python", python, "--paths", "matrix,fast,fast-float32", "--batch", "10", "--epochs", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("torch \\S+ threads 1 mkldnn \\S+ through " + python + ", one thread, .*")),
                r.out());
        String number = "\\d+\\.\\d{3}";
        for (String path : List.of("matrix", "fast", "fast-float32")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("4-C3x1p2-10 +10 +" + path + "( +" + number + "){3} +- +" + number
                    + " +\\d+\\.\\d +\\d+ MB +" + number)), path + "\n" + r.out());
        }
        for (String row : List.of("torch", "torch-float32")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("4-C3x1p2-10 +10 +" + row + "( +" + number + "){3} +- +" + number
                    + " +\\d+\\.\\d +- +1\\.000")), row + "\n" + r.out());
        }
        // Warm-up 1, then 2 timed epochs of each float64 path (matrix, fast) and 2 of fast-float32.
        assertTrue(r.out().contains("  torch's float64 network, after 5 epochs, classifies "), r.out());
        assertTrue(r.out().contains("  torch's float32 network, after 3 epochs, classifies "), r.out());
    }

    /** A bench of the tiny conv network with one warm-up epoch on the tiny data with --vs-torch and the given flags. */
    private CliHarness.Result bench(String... flags) {
        List<String> args = new ArrayList<>(List.of("bench", "--data", data.toString(), "--layers", LAYERS, "--warmup", "1", "--vs-torch"));
        args.addAll(List.of(flags));
        return CliHarness.run(args.toArray(String[]::new));
    }

    private record Run(int code, String output) {}

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), command.toString());
        return new Run(p.exitValue(), output);
    }

    /** An interpreter that imports torch: python3 on the path, else Debian's /usr/bin/python3; null when neither does. */
    private static @Nullable String torchPython() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            if (StandInPython.runs(python, "-c", "import torch")) {
                return python;
            }
        }
        return null;
    }
}
