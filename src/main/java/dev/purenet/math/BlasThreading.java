package dev.purenet.math;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether this process may call native {@code dgemm} from several threads at once, decided once
 * at start-up from the BLAS library jblas actually loaded.
 *
 * <p>Single-threaded OpenBLAS builds without {@code USE_LOCKING} (Debian's
 * {@code libopenblas0-serial}, and the OpenBLAS 0.3.10 inside the jblas jar) share their work
 * buffers between callers: two threads multiplying at once can get wrong products. Debian's
 * threaded build ({@code libopenblas0-pthread}) was measured safe and, with
 * {@code OPENBLAS_NUM_THREADS=1}, bit-identical to the serial one. So {@link Blas#gemm}
 * serialises native calls with one JVM-wide lock unless the loaded library is known to be safe:
 * a threaded OpenBLAS. Anything unknown (another BLAS, no {@code /proc/self/maps}) is locked.
 *
 * <p>The system property {@code purenet.blas.lock} overrides the decision: {@code auto} (the
 * default), {@code on} (always lock; never wrong) or {@code off} (never lock: only for
 * measuring the lock's cost, or with a BLAS known to be safe that detection does not recognise).
 */
public final class BlasThreading {
    /** The system property that overrides the decision. */
    public static final String PROPERTY = "purenet.blas.lock";

    private BlasThreading() {}

    /**
     * What was decided and why.
     *
     * @param locked  whether native products are serialised by one JVM-wide lock
     * @param library the BLAS library file the process mapped, or a description when it is
     *                built into jblas's own library or unknown
     * @param reason  one sentence: why the lock is on or off
     */
    public record Decision(boolean locked, String library, String reason) {
        /**
         * One line for {@code purenet info}.
         *
         * @return "lock on (…)" or "lock off (…)"
         */
        public String summary() {
            return (locked ? "serialised by one lock: " : "concurrent, no lock: ") + reason;
        }
    }

    /**
     * The decision for this process (loads native BLAS on first use).
     *
     * @return whether native products are locked, and why
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public static Decision decision() {
        NativeBlasProbe.ensureLoaded();
        return Loaded.DECISION;
    }

    /** Read on every native call, after {@link NativeBlasProbe#ensureLoaded}: a constant once initialised. */
    static boolean locked() {
        return Loaded.LOCKED;
    }

    /**
     * Initialised at the first use, which always comes after native BLAS was loaded (every
     * caller checks {@link NativeBlasProbe#ensureLoaded} first), so the maps show the library.
     */
    private static final class Loaded {
        static final Decision DECISION = decide();
        static final boolean LOCKED = DECISION.locked();
    }

    private static Decision decide() {
        Detected detected = detect(mappedLibraries());
        String setting = System.getProperty(PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
        return switch (setting) {
            case "on" -> new Decision(true, detected.library(), "forced by -D" + PROPERTY + "=on; " + detected.reason());
            case "off" -> new Decision(false, detected.library(), "forced by -D" + PROPERTY + "=off; " + detected.reason());
            default -> new Decision(!detected.threadSafe(), detected.library(), detected.reason());
        };
    }

    /** What the mapped libraries say, before any override. */
    record Detected(boolean threadSafe, String library, String reason) {}

    /**
     * Classifies the BLAS among the shared libraries a process has mapped.
     *
     * @param mapped absolute paths of the mapped shared libraries, as in {@code /proc/self/maps}
     * @return whether concurrent calls are safe, the library, and why
     */
    static Detected detect(List<String> mapped) {
        if (mapped.isEmpty()) {
            return new Detected(false, "unknown (no /proc/self/maps)", "the BLAS library cannot be identified on this platform");
        }
        List<String> blas = mapped.stream().filter(BlasThreading::isBlas).toList();
        if (blas.isEmpty()) {
            String jblas = mapped.stream().filter(p -> fileName(p).startsWith("libjblas")).findFirst().orElse(null);
            if (jblas != null) {
                return new Detected(false, "OpenBLAS 0.3.10 built into " + jblas,
                        "the jblas jar's own OpenBLAS is a serial build without locking");
            }
            return new Detected(false, "unknown", "no BLAS library found among the mapped libraries");
        }
        String shown = String.join(", ", blas);
        if (blas.stream().allMatch(BlasThreading::isThreadedOpenBlas)) {
            return new Detected(true, shown, "a threaded (pthread) OpenBLAS is safe to call from several threads");
        }
        String unsafe = blas.stream().filter(p -> !isThreadedOpenBlas(p)).findFirst().orElseThrow();
        String kind = unsafe.contains("openblas-serial") || fileName(unsafe).startsWith("libopenblas-")
                ? "a serial OpenBLAS without locking is not safe to call from several threads"
                : "this BLAS is not known to be safe to call from several threads";
        return new Detected(false, shown, kind);
    }

    private static boolean isBlas(String path) {
        String name = fileName(path);
        return name.startsWith("lib") && name.contains("blas") && !name.startsWith("libjblas");
    }

    /** Debian/Ubuntu's pthread build, or upstream's name for it ({@code libopenblasp-r0.3.x.so}). */
    private static boolean isThreadedOpenBlas(String path) {
        return path.contains("/openblas-pthread/") || fileName(path).startsWith("libopenblasp-");
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Shared libraries this process has mapped, in the order of {@code /proc/self/maps}; empty when it cannot be read. */
    static List<String> mappedLibraries() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.startsWith("/") && (p.endsWith(".so") || p.contains(".so.")))
                    .distinct().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
