/**
 * Networks in and out of the process as JSON (Jackson), written atomically.
 */
@NullMarked
package dev.purenet.io;

import org.jspecify.annotations.NullMarked;
