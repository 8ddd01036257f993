package io.kb4sync.app.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's record waits while the state store fails: one JSON line per record, appended to
 * {@code <configuration file name>.runs-spool.jsonl} beside the configuration file (owner-only),
 * and stored ({@link StateStore#importRuns}) at the next start, which then deletes the file. The
 * later of two lines of one run wins, so a run's start and end may both be spooled.
 *
 * <p>Processes append and drain under an OS lock on {@code <spool>.lock}, a file left in place (a
 * lock file deleted while another process waits on it would let two processes lock two files).
 * Threads of one process take turns first: the JVM's file locks belong to the whole process.
 */
public final class RunSpool {

  /** Added to the configuration file's name. */
  public static final String SUFFIX = ".runs-spool.jsonl";

  private static final Logger LOG = LoggerFactory.getLogger(RunSpool.class);

  /** One writer or drainer per process at a time (file locks are per process). */
  private static final Object IN_THIS_JVM = new Object();

  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Path file;

  public RunSpool(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /** The spool of the configuration file {@code configFile}: beside it, its name plus SUFFIX. */
  public static RunSpool beside(Path configFile) {
    Path config = configFile.toAbsolutePath().normalize();
    return new RunSpool(config.resolveSibling(config.getFileName() + SUFFIX));
  }

  public Path file() {
    return file;
  }

  private Path lockFile() {
    return file.resolveSibling(file.getFileName() + ".lock");
  }

  /**
   * Appends the run as one line (and forces it to disk).
   *
   * @throws UncheckedIOException when the file cannot be written: the record is then lost, and the
   *     caller should say so
   */
  public void append(RunRecord run) {
    String line = toJson(run) + "\n";
    try {
      locked(
          () -> {
            try (FileChannel channel =
                FileChannel.open(
                    file,
                    Set.of(
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND),
                    ownerOnly())) {
              ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
              while (bytes.hasRemaining()) {
                channel.write(bytes);
              }
              channel.force(true);
            }
            return null;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool run " + run.runId() + " to " + file, e);
    }
  }

  /** The spooled runs in the order they were appended; a damaged line is skipped with a WARN. */
  public List<RunRecord> read() {
    try {
      return locked(this::readUnlocked);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run spool " + file, e);
    }
  }

  /**
   * Stores every spooled run in the store, then deletes the spool. When the store fails, the spool
   * is kept as it was and the store's exception propagates.
   *
   * @return how many records were stored (lines of one run counted once each)
   */
  public int drainInto(StateStore store) {
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return locked(
          () -> {
            List<RunRecord> runs = readUnlocked();
            store.importRuns(runs);
            Files.deleteIfExists(file);
            if (!runs.isEmpty()) {
              LOG.info("stored {} spooled run records from {}", runs.size(), file);
            }
            return runs.size();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot drain the run spool " + file, e);
    }
  }

  private List<RunRecord> readUnlocked() throws IOException {
    List<String> lines;
    try {
      // Decoded leniently: a line cut short by a crash may end inside a character.
      lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        runs.add(fromJson(line));
      } catch (JsonProcessingException
          | IllegalArgumentException
          | NullPointerException
          | java.time.format.DateTimeParseException e) {
        LOG.warn(
            "{}: line {} is not a run record and is skipped: {}",
            file,
            i + 1,
            e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return runs;
  }

  @FunctionalInterface
  private interface LockedWork<T> {
    T run() throws IOException;
  }

  private <T> T locked(LockedWork<T> work) throws IOException {
    synchronized (IN_THIS_JVM) {
      try (FileChannel lock =
          FileChannel.open(
              lockFile(),
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              ownerOnly())) {
        FileLock held = lock.lock(); // released when the channel closes
        try {
          return work.run();
        } finally {
          held.release();
        }
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  // ---- one line per record ----

  /** A run record as one spool line (all of it, the report included). */
  record Line(
      String runId,
      String companyId,
      String kind,
      boolean dryRun,
      String status,
      String outcome,
      String startedAt,
      String finishedAt,
      String trigger,
      String owner,
      String options,
      String reportJson) {}

  static String toJson(RunRecord run) {
    Line line =
        new Line(
            run.runId(),
            run.companyId(),
            run.kind(),
            run.dryRun(),
            run.status().id(),
            run.outcome() == null ? null : run.outcome().id(),
            run.startedAt().toString(),
            run.finishedAt() == null ? null : run.finishedAt().toString(),
            run.trigger(),
            run.owner(),
            run.options(),
            run.reportJson());
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write run " + run.runId() + " as JSON", e);
    }
  }

  static RunRecord fromJson(String text) throws JsonProcessingException {
    Line line = JSON.readValue(text, Line.class);
    return new RunRecord(
        line.runId(),
        line.companyId(),
        line.kind(),
        line.dryRun(),
        RunStatus.fromId(line.status())
            .orElseThrow(() -> new IllegalArgumentException("unknown status " + line.status())),
        line.outcome() == null
            ? null
            : Outcome.fromId(line.outcome())
                .orElseThrow(
                    () -> new IllegalArgumentException("unknown outcome " + line.outcome())),
        Instant.parse(line.startedAt()),
        line.finishedAt() == null ? null : Instant.parse(line.finishedAt()),
        line.trigger(),
        line.owner(),
        line.options(),
        line.reportJson());
  }
}
