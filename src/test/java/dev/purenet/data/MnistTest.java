package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MnistTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void splitsLikeTheBookFromRawOrGzipFiles(boolean gzip) throws IOException {
        IdxFiles.mnistDirectory(dir, 12_000, 300, gzip);
        assertTrue(Mnist.isPresent(dir));
        Mnist mnist = Mnist.load(dir);
        assertEquals(2_000, mnist.training().size());
        assertEquals(10_000, mnist.validation().size());
        assertEquals(300, mnist.test().size());
        assertEquals(4, mnist.training().features());
        assertEquals(10, mnist.training().classes());
        // Validation starts right after training in the training file: example 2000 has label 2000 % 10.
        assertEquals(0, mnist.validation().label(0));
        assertEquals(9, mnist.validation().label(9));
        // Pixel k of the training file is (k * 31 + 1) & 0xFF, scaled to [0, 1].
        assertEquals(((4 * 31 + 1) & 0xFF) / 255.0, mnist.training().input(1).get(0, 0));
    }

    @Test
    void namesAMissingFile() throws IOException {
        IdxFiles.mnistDirectory(dir, 12_000, 10, false);
        Files.delete(dir.resolve(Mnist.TEST_LABELS));
        assertFalse(Mnist.isPresent(dir));
        String message = assertThrows(DataFormatException.class, () -> Mnist.load(dir)).getMessage();
        assertTrue(message.startsWith("missing data file: " + dir.resolve(Mnist.TEST_LABELS) + " (raw or .gz)"), message);
    }

    @Test
    void tryLoadReturnsTheFailureAsAValue() throws IOException {
        assertTrue(Mnist.tryLoad(dir).isFailure());
        IdxFiles.mnistDirectory(dir, 12_000, 10, true);
        assertEquals(10, Mnist.tryLoad(dir).get().test().size());
    }

    @Test
    void rejectsImagesAndLabelsThatDoNotMatch() throws IOException {
        IdxFiles.mnistDirectory(dir, 12_000, 10, false);
        IdxFiles.write(dir.resolve(Mnist.TRAIN_LABELS), IdxFiles.labels(11_999, 10));
        assertEquals(dir.resolve(Mnist.TRAIN_IMAGES) + " has 12000 images but " + dir.resolve(Mnist.TRAIN_LABELS)
                + " has 11999 labels; expected one label per image",
                assertThrows(DataFormatException.class, () -> Mnist.load(dir)).getMessage());
    }

    @Test
    void rejectsTestImagesOfAnotherSize() throws IOException {
        IdxFiles.mnistDirectory(dir, 12_000, 10, false);
        IdxFiles.write(dir.resolve(Mnist.TEST_IMAGES), IdxFiles.images(10, 3, 3, 0));
        assertEquals(dir + ": training images have 4 pixels but test images have 9",
                assertThrows(DataFormatException.class, () -> Mnist.load(dir)).getMessage());
    }

    @Test
    void needsMoreThanTheValidationSet() throws IOException {
        IdxFiles.mnistDirectory(dir, 10_000, 10, false);
        assertEquals(dir.resolve(Mnist.TRAIN_IMAGES) + ": 10000 training examples, expected more than 10000"
                        + " so that the last 10000 can be the validation set",
                assertThrows(DataFormatException.class, () -> Mnist.load(dir)).getMessage());
    }
}
