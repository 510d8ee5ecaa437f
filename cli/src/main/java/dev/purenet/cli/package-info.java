/** The {@code purenet} command line (picocli): the only code that prints, reads the environment or exits. */
@NullMarked
package dev.purenet.cli;

import org.jspecify.annotations.NullMarked;
