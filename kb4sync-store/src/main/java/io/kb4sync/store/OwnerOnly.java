package io.kb4sync.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite state names people, so what the store creates only its owner may read: folders {@code
 * rwx------} (0700), files {@code rw-------} (0600). Existing folders and files are never changed;
 * a folder wider than owner-only draws one WARN line. Where the file system has no POSIX
 * permissions (Windows), files and folders are created as the system does.
 */
final class OwnerOnly {

  static final String FOLDER = "rwx------";
  static final String FILE = "rw-------";

  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);

  /** Folders already warned about in this process: one warning per folder, not one per open. */
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  private OwnerOnly() {}

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the folder and its missing parents owner-only; warns when it already existed wide. */
  static void folder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      warnIfWide(folder);
      return;
    }
    if (posix()) {
      Files.createDirectories(folder, attribute(FOLDER));
    } else {
      Files.createDirectories(folder);
    }
  }

  /** Creates the file empty and owner-only unless it exists. */
  static void file(Path file) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    try {
      if (posix()) {
        Files.createFile(file, attribute(FILE));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException createdMeanwhile) {
      // Another process created it first: its permissions are its own.
    }
  }

  /** Owner-only permissions for a file created through an API that takes attributes. */
  static FileAttribute<?>[] fileAttributes() {
    return posix() ? new FileAttribute<?>[] {attribute(FILE)} : new FileAttribute<?>[0];
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }

  private static void warnIfWide(Path folder) {
    if (!posix()) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(folder);
    } catch (IOException e) {
      return;
    }
    boolean wide =
        permissions.stream()
            .anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
    if (wide && WARNED.add(folder.toAbsolutePath().normalize())) {
      LOG.warn(
          "state: the folder {} of the state database is {} ({}), wider than owner-only;"
              + " kb4sync leaves it as it is (the state names people: chmod 700 it if others"
              + " should not list it)",
          folder.toAbsolutePath().normalize(),
          PosixFilePermissions.toString(permissions),
          octal(permissions));
    }
  }

  static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", mode);
  }

  /** Forgets the folders warned about (tests). */
  static void forgetWarnings() {
    WARNED.clear();
  }
}
