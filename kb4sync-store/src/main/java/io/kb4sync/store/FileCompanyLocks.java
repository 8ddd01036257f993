package io.kb4sync.store;

import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SQLite's company locks: an OS lock ({@code fcntl} on Unix, {@code LockFileEx} on Windows) on one
 * empty file per company in a folder beside the database. The OS drops the lock when the process
 * ends, however it ends.
 *
 * <p>The files stay after release: deleting a lock file while another process waits to open it
 * would let two processes lock two different files of the same name.
 */
final class FileCompanyLocks implements CompanyLocks {

  /**
   * The JVM's file locks belong to the whole process, and a second {@code tryLock} on the same file
   * throws instead of refusing, so callers in this JVM (other threads, other store instances) are
   * excluded here first.
   */
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path folder;

  FileCompanyLocks(Path folder) {
    this.folder = folder;
  }

  /** {@code <db file>.locks}, beside the database. */
  static Path folderFor(Path databaseFile) {
    return databaseFile.resolveSibling(databaseFile.getFileName() + ".locks");
  }

  @Override
  public CompanyLock tryLock(String companyId) {
    Path file = folder.resolve(fileName(companyId)).toAbsolutePath().normalize();
    if (!HELD_IN_THIS_JVM.add(file)) {
      throw new CompanyLockedException(companyId);
    }
    FileChannel channel = null;
    try {
      OwnerOnly.folder(folder);
      channel =
          FileChannel.open(
              file,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              OwnerOnly.fileAttributes());
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new CompanyLockedException(companyId);
      }
      return new Held(file, channel, lock);
    } catch (IOException e) {
      release(file, channel);
      throw new StateStoreException(
          "state: cannot take the lock of company " + companyId + " in " + file + ": " + e, e);
    } catch (CompanyLockedException | OverlappingFileLockException e) {
      release(file, channel);
      throw new CompanyLockedException(companyId);
    } catch (RuntimeException | Error e) {
      release(file, channel);
      throw e;
    }
  }

  private static void release(Path file, FileChannel channel) {
    try {
      if (channel != null) {
        channel.close(); // also releases the OS lock
      }
    } catch (IOException ignored) {
      // Closing failed: the lock still ends with the process, nothing better to do.
    } finally {
      HELD_IN_THIS_JVM.remove(file);
    }
  }

  /**
   * A readable, portable file name that stays unique even on case-insensitive file systems: the
   * company id reduced to safe characters, plus a hash of the exact id.
   */
  static String fileName(String companyId) {
    String safe = companyId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 64) {
      safe = safe.substring(0, 64);
    }
    return safe + "-" + shortHash(companyId) + ".lock";
  }

  private static String shortHash(String companyId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(companyId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static final class Held implements CompanyLock {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Held(Path file, FileChannel channel, FileLock lock) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        try {
          lock.release();
        } catch (IOException ignored) {
          // The channel's close below releases it as well.
        }
        release(file, channel);
      }
    }

    @Override
    public String toString() {
      return "file lock " + file;
    }
  }
}
