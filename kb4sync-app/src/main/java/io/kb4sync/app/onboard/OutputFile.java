package io.kb4sync.app.onboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file kb4sync writes for a person to read: whole or not at all (a temporary file beside it, then
 * an atomic move), and an existing file is replaced only when asked ({@code --force}): a technician
 * may have edited the last proposal.
 */
public final class OutputFile {
  private OutputFile() {}

  /** Whether writing to {@code file} would replace a file the user did not ask to replace. */
  public static boolean refused(Path file, boolean force) {
    return !force && Files.exists(file);
  }

  /**
   * @throws UncheckedIOException naming the file when it cannot be written (nothing is left: no
   *     temporary file, the target untouched)
   * @throws java.nio.file.FileAlreadyExistsException (wrapped) when it appeared meanwhile and
   *     {@code force} is false
   */
  public static void write(Path file, String text, boolean force) {
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      if (force) {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        // A hard link fails when the target exists; a rename would silently replace it.
        try {
          Files.createLink(target, temp);
          Files.delete(temp);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          throw e;
        } catch (IOException | UnsupportedOperationException noLinks) {
          // A file system without hard links: check, then rename.
          if (Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
          }
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + file + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temporary file is hidden and named after the target; nothing else to do
        }
      }
    }
  }
}
