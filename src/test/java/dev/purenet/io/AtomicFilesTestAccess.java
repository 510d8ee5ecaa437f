package dev.purenet.io;

import java.nio.file.Path;

/** Lets tests of other packages make a read-only directory the way {@link AtomicFilesTest} does. */
public final class AtomicFilesTestAccess {
    private AtomicFilesTestAccess() {}

    /** A directory no one can create files in until the value is closed; skips the test where that is impossible. */
    public static AutoCloseable readOnly(Path dir) throws Exception {
        return AtomicFilesTest.ReadOnly.make(dir);
    }
}
