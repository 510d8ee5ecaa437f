package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.math.BlasCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code purenet info} reports the BLAS set-up of the test JVM, and the BLAS computes right. */
class InfoCommandTest {

    @Test
    void reportsLibraryCoreThreadsPrecisionAndCheck() {
        CliHarness.Result r = CliHarness.run("info");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("purenet 0\\.1\\.0 on Java \\S+ \\(.*\\), \\d+ processors, max heap \\d+ MB"), lines.get(0));
        assertTrue(lines.get(1).matches("jblas native library: /.*libjblas\\.so.*"), lines.get(1));
        assertTrue(lines.get(2).startsWith("BLAS library:         "), lines.get(2));
        assertTrue(lines.get(3).matches("OpenBLAS core type:   .+ \\((detected|forced by OPENBLAS_CORETYPE=.+)\\)"), lines.get(3));
        assertTrue(lines.get(4).startsWith("BLAS threads:         "), lines.get(4));
        assertTrue(lines.get(5).matches("Concurrent calls:     (serialised by one lock|concurrent, no lock): .+"), lines.get(5));
        // The CLI's tests run on Java 17, where products go through jblas's JNI.
        assertEquals("Native calls:         jblas JNI, copying each array (no zero-copy: Java 17; they need Java 22 or later)",
                lines.get(6));
        assertEquals("Precision:            float64 (dgemm, the default) or float32 (sgemm), chosen per network: train --precision",
                lines.get(7));
        assertTrue(lines.get(8).startsWith("Malloc tunables:      "), lines.get(8));
        assertTrue(lines.get(9).matches("dgemm check:          32 products against plain Java, largest relative error .+: ok"), lines.get(9));
    }

    @Test
    void theNativeProductAgreesWithPlainJava() {
        double error = BlasCheck.largestRelativeError();
        assertTrue(error < InfoCommand.CHECK_TOLERANCE, "largest relative error " + error);
    }
}
