package dev.purenet.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which BLAS set-ups run native products concurrently, and which are serialised by the lock. */
class BlasThreadingTest {
    private static final String LIB = "/usr/lib/x86_64-linux-gnu/";
    private static final String DEBIAN_JBLAS = "/usr/lib/jni/libjblas.so";

    @Test
    void debianSerialOpenBlasIsLocked() {
        BlasThreading.Detected d = BlasThreading.detect(List.of("/usr/lib/jvm/lib/libjava.so", DEBIAN_JBLAS,
                LIB + "openblas-serial/liblapack.so.3", LIB + "openblas-serial/libblas.so.3",
                LIB + "openblas-serial/libopenblas-r0.3.21.so", LIB + "libgfortran.so.5.0.0"));
        assertFalse(d.threadSafe());
        assertTrue(d.reason().contains("serial OpenBLAS"), d.reason());
        assertTrue(d.library().contains("openblas-serial/libblas.so.3"), d.library());
    }

    @Test
    void debianPthreadOpenBlasRunsConcurrently() {
        BlasThreading.Detected d = BlasThreading.detect(List.of(DEBIAN_JBLAS, LIB + "openblas-pthread/liblapack.so.3",
                LIB + "openblas-pthread/libblas.so.3", LIB + "openblas-pthread/libopenblasp-r0.3.21.so"));
        assertTrue(d.threadSafe(), d.reason());
    }

    @Test
    void aMixOfThreadedAndSerialIsLocked() {
        // e.g. LD_LIBRARY_PATH brings the pthread libblas while libopenblas.so.0 stays serial.
        assertFalse(BlasThreading.detect(List.of(DEBIAN_JBLAS, LIB + "openblas-pthread/libblas.so.3",
                LIB + "openblas-serial/libopenblas-r0.3.21.so")).threadSafe());
    }

    @Test
    void theJarsBundledOpenBlasIsLocked() {
        BlasThreading.Detected d = BlasThreading.detect(List.of("/tmp/jblas1234/libjblas_arch_flavor.so", "/tmp/jblas1234/libjblas.so",
                LIB + "libgfortran.so.5.0.0"));
        assertFalse(d.threadSafe());
        assertTrue(d.library().startsWith("OpenBLAS 0.3.10 built into /tmp/jblas1234/libjblas"), d.library());
    }

    @Test
    void referenceBlasAndUnknownPlatformsAreLocked() {
        assertFalse(BlasThreading.detect(List.of(DEBIAN_JBLAS, LIB + "blas/libblas.so.3.11.0")).threadSafe());
        assertFalse(BlasThreading.detect(List.of()).threadSafe());
    }

    @Test
    void thisProcessDecidedFromWhatItMapped() {
        BlasThreading.Decision decision = BlasThreading.decision();
        String setting = System.getProperty(BlasThreading.PROPERTY, "auto");
        if (setting.equals("auto")) {
            BlasThreading.Detected now = BlasThreading.detect(BlasThreading.mappedLibraries());
            assertEquals(!now.threadSafe(), decision.locked(), decision + " but now " + now);
        }
        assertFalse(decision.reason().isEmpty());
    }
}
