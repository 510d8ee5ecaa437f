package dev.purenet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of every purenet reader: IDX images and labels, raw and gzip,
 * an MNIST directory, network JSON, run snapshots, experiment.json and network2.py JSON. The
 * property is {@link Readers#check}: load, or the documented exception with a message; never
 * another exception, an {@link OutOfMemoryError} or a hang (the timeout is per input).
 *
 * <p>In a plain {@code mvn test} these run as regression tests over the seeds and every input
 * that once broke a reader ({@code src/test/resources/dev/purenet/fuzz/ReadersFuzzTestInputs/}).
 * {@code mvn verify} fuzzes {@link #anyReader} for 25 s (the {@code fuzz-readers} execution in
 * pom.xml); {@code JAZZER_FUZZ=1 mvn -B -o test -Dtest='ReadersFuzzTest#anyReaderLong'} fuzzes
 * for 30 minutes. See docs/reliability.md.
 */
class ReadersFuzzTest {

    /** The CI budget. Seeds: {@code ReadersFuzzTestInputs/anyReader}. */
    @FuzzTest(maxDuration = "25s")
    void anyReader(byte[] input) {
        Readers.check(input);
    }

    /** The long run, on demand. Seeds: {@code ReadersFuzzTestInputs/anyReaderLong}. */
    @FuzzTest(maxDuration = "30m")
    void anyReaderLong(byte[] input) {
        Readers.check(input);
    }
}
