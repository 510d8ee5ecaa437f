package dev.purenet.cli;

import dev.purenet.math.BlasCheck;
import dev.purenet.math.BlasThreading;
import dev.purenet.math.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code purenet info}: which native BLAS this process uses, how it is set up, and whether it computes right. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Java runtime and the native BLAS purenet uses: the jblas library file, the BLAS "
                + "library, the OpenBLAS core type (kernels) it chose, its threads, whether purenet serialises "
                + "native calls from several threads (it does when that BLAS is not thread-safe), whether products "
                + "call BLAS on the Java arrays in place (zero-copy, Java 22+) or through jblas's JNI, the precision, "
                + "and a check of its matrix product against plain Java.")
final class InfoCommand implements Callable<Integer> {
    /** Errors of a correct dgemm are around 1e-16; anything near this is a wrong kernel, not rounding. */
    static final double CHECK_TOLERANCE = 1e-12;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set in the child process that {@link Blas#probeCoreType} starts: load BLAS, print nothing, exit. */
    @Option(names = "--load-blas-only", hidden = true)
    boolean loadBlasOnly;

    @Override
    public Integer call() {
        if (loadBlasOnly) {
            Matrix.zeros(1, 1).times(Matrix.zeros(1, 1));
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        Blas blas = Blas.detect();
        out.println("purenet 0.1.0 on Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor")
                + "), " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        blas.lines().forEach(out::println);
        return blas.correct() ? 0 : Main.FAILED;
    }

    /** What was detected about the native BLAS of this process. */
    record Blas(String jblasLibrary, String blasLibrary, String coreType, String threads, String concurrentCalls,
                double checkError) {

        boolean correct() {
            return checkError <= CHECK_TOLERANCE;
        }

        /** One line for a benchmark header. */
        String summary() {
            return "BLAS " + blasLibrary + ", core " + coreType + ", threads " + threads;
        }

        List<String> lines() {
            return List.of(
                    "jblas native library: " + jblasLibrary,
                    "BLAS library:         " + blasLibrary,
                    "OpenBLAS core type:   " + coreType,
                    "BLAS threads:         " + threads,
                    "Concurrent calls:     " + concurrentCalls,
                    "Native calls:         " + dev.purenet.math.Blas.calls(),
                    "Precision:            float64 (dgemm, the default) or float32 (sgemm), chosen per network: train --precision",
                    "Malloc tunables:      " + Optional.ofNullable(System.getenv("GLIBC_TUNABLES")).orElse("none (GLIBC_TUNABLES unset)"),
                    "dgemm check:          " + BlasCheck.products() + " products against plain Java, largest relative error "
                            + checkError + (correct() ? ": ok" : ": WRONG RESULTS, do not use this BLAS"));
        }

        /** Loads the native library (through a product), then reads what the process mapped. */
        static Blas detect() {
            double error = BlasCheck.largestRelativeError();
            List<String> mapped = mappedLibraries();
            String jblas = mapped.stream().filter(p -> p.contains("libjblas.so")).findFirst().orElse("unknown (no /proc/self/maps)");
            boolean bundled = jblas.contains("/jblas") && !jblas.startsWith("/usr/");
            String blas = mapped.stream().filter(p -> p.contains("openblas") || p.contains("libblas.so")).findFirst()
                    .orElse(bundled ? "OpenBLAS 0.3.10 built into the jblas 1.2.5 jar's libjblas.so" : "unknown");
            return new Blas(jblas + (bundled ? " (extracted from the jblas jar)" : ""), blas, probeCoreType(), threads(blas, bundled),
                    BlasThreading.decision().summary(), error);
        }

        private static List<String> mappedLibraries() {
            Path maps = Path.of("/proc/self/maps");
            if (!Files.isReadable(maps)) {
                return List.of();
            }
            try (var lines = Files.lines(maps)) {
                return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(p -> p.endsWith(".so") || p.contains(".so."))
                        .distinct().toList();
            } catch (IOException e) {
                return List.of();
            }
        }

        private static String threads(String blas, boolean bundled) {
            String env = System.getenv("OPENBLAS_NUM_THREADS");
            if (bundled || blas.contains("serial")) {
                return "1 (single-threaded build)";
            }
            return env != null ? env + " (OPENBLAS_NUM_THREADS)" : "as many as processors (OPENBLAS_NUM_THREADS unset)";
        }

        /**
         * The kernels OpenBLAS chose: a copy of this process, started with
         * {@code OPENBLAS_VERBOSE=2}, loads BLAS and OpenBLAS prints {@code Core: NAME}. A core
         * forced by {@code OPENBLAS_CORETYPE} is reported as such.
         */
        static String probeCoreType() {
            String forced = System.getenv("OPENBLAS_CORETYPE");
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-Djava.library.path=" + System.getProperty("java.library.path"), Main.class.getName(), "info", "--load-blas-only"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("OPENBLAS_VERBOSE", "2");
            String core = null;
            try {
                Process child = builder.start();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.startsWith("Core: ")) {
                            core = line.substring("Core: ".length()).strip();
                        }
                    }
                }
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroy();
                }
            } catch (IOException e) {
                core = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String name = core != null ? core : "unknown (the BLAS printed no core name)";
            return forced != null ? name + " (forced by OPENBLAS_CORETYPE=" + forced + ")" : name + " (detected)";
        }
    }
}
