package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code purenet bench --vs-numpy}: the numpy script's output, a stand-in python that speaks its
 * protocol with known times, the errors when python or numpy is missing, and one real run when
 * python3 with numpy is installed. Never the times purenet measures.
 */
class BenchVsNumpyTest {
    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
    }

    @Test
    void parsesEachLineTheScriptPrints() {
        assertEquals(new NumpyReference.Line.Describe("numpy 2.4.6 scipy-openblas 0.3.31"),
                NumpyReference.parse("numpy 2.4.6 scipy-openblas 0.3.31"));
        assertEquals(new NumpyReference.Line.Ready(), NumpyReference.parse("ready"));
        assertEquals(new NumpyReference.Line.Epoch(3, 0.4512345678901), NumpyReference.parse("epoch 3 0.4512345678901"));
        assertEquals(new NumpyReference.Line.Epoch(1, 1.5e-05), NumpyReference.parse("epoch 1 1.5e-05"));
        assertEquals(new NumpyReference.Line.Correct(46810, 50000), NumpyReference.parse("correct 46810 50000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "numpy", "ready now", "epoch 1", "epoch one 0.5", "epoch 1 -0.5", "epoch 1 nan", "epoch 1 0.5 s",
            "correct 9 of 10", "Epoch 1: test 0.82 train 0.96s", "Traceback (most recent call last):"})
    void anyOtherLineIsAnErrorThatShowsIt(String line) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> NumpyReference.parse(line));
        assertEquals("numpy_network.py printed '" + line
                + "', expected 'numpy VERSION BLAS', 'ready', 'epoch K SECONDS' or 'correct C N'", e.getMessage());
    }

    @Test
    void withoutPythonBenchSaysWhatToInstallAndTimesNothing() {
        Path missing = dir.resolve("no-such-python3");
        CliHarness.Result r = bench("--python", missing.toString());
        StandInPython.assertSaysWhatToInstall(r, missing, "numpy");
    }

    @Test
    void withoutNumpyBenchSaysWhatToInstallAndTimesNothing() throws IOException {
        Path python = StandInPython.write(dir, """
                echo 'Traceback (most recent call last):' >&2
                echo '  File "numpy_network.py", line 27, in <module>' >&2
                echo "ModuleNotFoundError: No module named 'numpy'" >&2
                exit 1
                """);
        CliHarness.Result r = bench("--python", python.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("", r.out());
        assertEquals("purenet: --vs-numpy needs numpy, and '" + python + "' cannot import numpy (ModuleNotFoundError: No module"
                + " named 'numpy'); install it with 'apt-get install python3-numpy', or name an interpreter that has it with --python\n",
                r.err());
    }

    @Test
    void numpyRowAndRatiosComeFromTheScriptsEpochsPacedOnePerPurenetEpoch() throws IOException {
        Path arguments = dir.resolve("arguments");
        // Three timed purenet epochs (fast only), so three paced numpy epochs: 3, 1 and 2 seconds.
        Path python = StandInPython.write(dir, """
                case " $* " in *" --describe "*)
                  echo "numpy 0.0 fake-blas threads $OPENBLAS_NUM_THREADS $OMP_NUM_THREADS $MKL_NUM_THREADS"; exit 0;;
                esac
                echo "$*" > '%s'
                echo 'numpy 0.0 fake-blas'
                echo ready
                i=0
                for s in 3.0 1.0 2.0; do
                  read line || exit 3
                  i=$((i+1))
                  echo "epoch $i $s"
                done
                echo 'correct 42 100'
                """.formatted(arguments));
        CliHarness.Result r = bench("--python", python.toString(), "--batch", "10", "--paths", "fast", "--epochs", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("numpy 0.0 fake-blas threads 1 1 1 through " + python + ", one BLAS thread, one epoch after each timed purenet epoch",
                lines.get(2));
        assertTrue(lines.get(3).endsWith(" peak heap  vs numpy"), lines.get(3));
        String number = "\\d+\\.\\d{3}";
        assertTrue(lines.get(4).matches("4-3-10 +10 +fast +" + number + " +" + number + " +" + number + " +- +1\\.000 +\\d+\\.\\d"
                + " +\\d+ MB +" + number), lines.get(4));
        double fast = Double.parseDouble(lines.get(4).split(" +")[3]);
        double ratio = Double.parseDouble(lines.get(4).split(" +")[11]);
        assertEquals(Math.round(fast / 2.0 * 1000) / 1000.0, ratio, 0.0011, lines.get(4));
        assertTrue(lines.get(5).matches("4-3-10 +10 +numpy +2\\.000 +1\\.000 +3\\.000 +- +" + number + " +\\d+\\.\\d +- +1\\.000"),
                lines.get(5));
        assertTrue(r.out().contains("  numpy's network, after 4 epochs, classifies 42 of 100 training images right\n"), r.out());
        assertEquals("--data " + data.toAbsolutePath() + " --images 100 --hidden 3 --batch 10 --eta 3.0 --epochs 3 --warmup 1"
                + " --seed 1 --paced", Files.readString(arguments).strip().replaceFirst("^\\S+ ", ""));
    }

    @Test
    void aScriptThatDiesMidRunEndsBenchWithItsLastErrorLine() throws IOException {
        Path python = StandInPython.write(dir, """
                case " $* " in *" --describe "*) echo 'numpy 0.0 fake-blas'; exit 0;; esac
                echo 'numpy 0.0 fake-blas'
                echo ready
                read line
                echo 'Traceback (most recent call last):' >&2
                echo 'MemoryError: Unable to allocate 300. MiB' >&2
                exit 1
                """);
        CliHarness.Result r = bench("--python", python.toString(), "--batch", "10", "--paths", "fast", "--epochs", "2");
        assertEquals(1, r.code(), r.out());
        // The last line: a run without OPENBLAS_NUM_THREADS=1 has a warning before it.
        assertEquals("purenet: numpy_network.py stopped before its 'epoch' line: MemoryError: Unable to allocate 300. MiB",
                r.err().lines().reduce((first, second) -> second).orElse(""), r.err());
    }

    @Test
    void theRealScriptRunsBesidePurenetWhenNumpyIsInstalled() throws Exception {
        assumeTrue(StandInPython.runs("python3", "-c", "import numpy"), "python3 with numpy is not installed");
        CliHarness.Result r = bench("--paths", "matrix,fast", "--batch", "10,7", "--epochs", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("numpy \\S+ .* through python3, one BLAS thread, .*")), r.out());
        String number = "\\d+\\.\\d{3}";
        for (String m : List.of("10", "7")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("4-3-10 +" + m + " +numpy( +" + number + "){3} +- +" + number
                    + " +\\d+\\.\\d +- +1\\.000")), r.out());
        }
        // Warm-up 1, then two paths of 2 timed epochs: 5 epochs on the 100 training images.
        assertEquals(2, r.out().lines().filter(l -> l.matches("  numpy's network, after 5 epochs, classifies \\d+ of 100 training images right"))
                .count(), r.out());
    }

    /** A bench of a 4-3-10 network with one warm-up epoch on the tiny data with --vs-numpy and the given flags. */
    private CliHarness.Result bench(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--data", data.toString(), "--hidden", "3", "--warmup", "1",
                "--vs-numpy"));
        args.addAll(List.of(flags));
        return CliHarness.run(args.toArray(String[]::new));
    }
}
