package dev.purenet.math;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Zero-copy calls into the native BLAS (Java 22+, the multi-release jar's version of this class).
 *
 * <p>jblas's JNI copies every array argument in, and the result out, on every call. This class
 * calls the very {@code dgemm_} and {@code sgemm_} that jblas loaded (found through the class loader's symbol
 * lookup once jblas's library is loaded, so the same library and the same bits) with
 * {@link Linker.Option#critical(boolean) critical} downcalls that read and write the Java arrays
 * in place. The Fortran interface takes every scalar by reference: they are written into a small
 * native block per thread, made once.
 *
 * <p>Turned off with {@code -Dpurenet.blas.calls=jni}; then products go through jblas's JNI.
 */
final class ZeroCopyBlas {
    private static final String PROPERTY = "purenet.blas.calls";
    private static final FunctionDescriptor GEMM = FunctionDescriptor.ofVoid(
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle DGEMM;
    private static final MethodHandle SGEMM;
    private static final String STATUS;

    static {
        MethodHandle handle = null;
        MethodHandle singleHandle = null;
        String status;
        String setting = System.getProperty(PROPERTY, "zero-copy");
        if (setting.equals("jni")) {
            status = "-D" + PROPERTY + "=jni";
        } else {
            try {
                // jblas's library must be loaded before the lookup can see its symbols.
                NativeBlasProbe.ensureLoaded();
                Optional<MemorySegment> symbol = SymbolLookup.loaderLookup().find("dgemm_");
                Optional<MemorySegment> single = SymbolLookup.loaderLookup().find("sgemm_");
                if (symbol.isPresent() && single.isPresent()) {
                    handle = Linker.nativeLinker().downcallHandle(symbol.get(), GEMM, Linker.Option.critical(true));
                    singleHandle = Linker.nativeLinker().downcallHandle(single.get(), GEMM, Linker.Option.critical(true));
                    status = "Java " + Runtime.version().feature()
                            + ", dgemm_ and sgemm_ of the library jblas loaded, on the Java arrays in place";
                } else {
                    status = "the library jblas loaded exports no " + (symbol.isPresent() ? "sgemm_" : "dgemm_");
                }
            } catch (RuntimeException | LinkageError e) {
                status = String.valueOf(e.getMessage());
            }
        }
        DGEMM = handle;
        SGEMM = singleHandle;
        STATUS = status;
    }

    /** Each thread's argument block, so that threads never share the scalars they pass by reference. */
    private static final ThreadLocal<Arguments> ARGUMENTS = ThreadLocal.withInitial(Arguments::new);

    private ZeroCopyBlas() {}

    static boolean available() {
        return DGEMM != null;
    }

    static String status() {
        return STATUS;
    }

    /** {@code C ← α·op(A)·op(B) + β·C} through {@code dgemm_}, on the arrays in place. */
    static void dgemm(char transA, char transB, int m, int n, int k, double alpha, double[] a, int lda, double[] b, int ldb,
                      double beta, double[] c, int ldc) {
        Arguments args = ARGUMENTS.get();
        args.set(transA, transB, m, n, k, lda, ldb, ldc, alpha, beta);
        try {
            DGEMM.invokeExact(args.transA, args.transB, args.m, args.n, args.k, args.alpha,
                    MemorySegment.ofArray(a), args.lda, MemorySegment.ofArray(b), args.ldb, args.beta,
                    MemorySegment.ofArray(c), args.ldc);
        } catch (Throwable e) {
            throw new IllegalStateException("native dgemm_ failed", e);
        }
    }

    /** {@code C ← α·op(A)·op(B) + β·C} in single precision through {@code sgemm_}, on the arrays in place. */
    static void sgemm(char transA, char transB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb,
                      float beta, float[] c, int ldc) {
        Arguments args = ARGUMENTS.get();
        args.set(transA, transB, m, n, k, lda, ldb, ldc, alpha, beta);
        try {
            SGEMM.invokeExact(args.transA, args.transB, args.m, args.n, args.k, args.alphaFloat,
                    MemorySegment.ofArray(a), args.lda, MemorySegment.ofArray(b), args.ldb, args.betaFloat,
                    MemorySegment.ofArray(c), args.ldc);
        } catch (Throwable e) {
            throw new IllegalStateException("native sgemm_ failed", e);
        }
    }

    /** The scalars of one call, in one native block that lives as long as its thread's use of it. */
    private static final class Arguments {
        private final MemorySegment block = Arena.ofAuto().allocate(64, 8);
        final MemorySegment alpha = block.asSlice(0, 8);
        final MemorySegment beta = block.asSlice(8, 8);
        final MemorySegment m = block.asSlice(16, 4);
        final MemorySegment n = block.asSlice(20, 4);
        final MemorySegment k = block.asSlice(24, 4);
        final MemorySegment lda = block.asSlice(28, 4);
        final MemorySegment ldb = block.asSlice(32, 4);
        final MemorySegment ldc = block.asSlice(36, 4);
        final MemorySegment transA = block.asSlice(40, 1);
        final MemorySegment transB = block.asSlice(41, 1);
        final MemorySegment alphaFloat = block.asSlice(44, 4);
        final MemorySegment betaFloat = block.asSlice(48, 4);

        void set(char ta, char tb, int rows, int cols, int inner, int ldA, int ldB, int ldC, double alphaValue, double betaValue) {
            transA.set(JAVA_BYTE, 0, (byte) ta);
            transB.set(JAVA_BYTE, 0, (byte) tb);
            m.set(JAVA_INT, 0, rows);
            n.set(JAVA_INT, 0, cols);
            k.set(JAVA_INT, 0, inner);
            lda.set(JAVA_INT, 0, ldA);
            ldb.set(JAVA_INT, 0, ldB);
            ldc.set(JAVA_INT, 0, ldC);
            alpha.set(JAVA_DOUBLE, 0, alphaValue);
            beta.set(JAVA_DOUBLE, 0, betaValue);
        }

        void set(char ta, char tb, int rows, int cols, int inner, int ldA, int ldB, int ldC, float alphaValue, float betaValue) {
            set(ta, tb, rows, cols, inner, ldA, ldB, ldC, 0.0, 0.0);
            alphaFloat.set(JAVA_FLOAT, 0, alphaValue);
            betaFloat.set(JAVA_FLOAT, 0, betaValue);
        }
    }
}
