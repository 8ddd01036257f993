package io.kb4sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kb4sync.core.state.CompanyLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A new SQLite state is readable by its owner only; existing folders are left as they are. */
class OwnerOnlyTest {
  @TempDir Path tempDir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(OwnerOnly.class);

  @BeforeEach
  void captureWarnings() {
    assumeTrue(OwnerOnly.posix(), "POSIX permissions only");
    OwnerOnly.forgetWarnings();
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(logs);
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private List<String> warnings() {
    return logs.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void a_new_database_file_its_wal_its_lock_files_and_every_folder_created_for_them_are_owner_only()
      throws Exception {
    Path file = tempDir.resolve("made").resolve("by").resolve("kb4sync.db");

    try (JdbcStateStore store = StateStores.open("sqlite:" + file, null);
        CompanyLock lock = store.lock("1001")) {
      assertThat(mode(tempDir.resolve("made"))).isEqualTo("rwx------");
      assertThat(mode(tempDir.resolve("made/by"))).isEqualTo("rwx------");
      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(mode(file.resolveSibling("kb4sync.db-wal"))).isEqualTo("rw-------");
      Path locks = FileCompanyLocks.folderFor(file);
      assertThat(mode(locks)).isEqualTo("rwx------");
      assertThat(mode(locks.resolve(FileCompanyLocks.fileName("1001")))).isEqualTo("rw-------");
      assertThat(lock.lost()).isNull();
    }
    assertThat(warnings()).isEmpty();
  }

  @Test
  void an_existing_folder_wider_than_owner_only_is_left_as_it_is_with_one_warning_naming_it()
      throws Exception {
    Path shared = tempDir.resolve("shared");
    Files.createDirectory(shared);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = shared.resolve("kb4sync.db");

    StateStores.open("sqlite:" + file, null).close();
    StateStores.open("sqlite:" + file, null).close();

    assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains(shared.toString())
        .contains("rwxr-xr-x")
        .contains("0755")
        .doesNotContain("\n");
  }

  @Test
  void an_existing_owner_only_folder_draws_no_warning_and_an_existing_file_keeps_its_mode()
      throws Exception {
    Path own = tempDir.resolve("own");
    Files.createDirectory(own);
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
    Path file = own.resolve("kb4sync.db");
    Files.createFile(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    StateStores.open("sqlite:" + file, null).close();

    assertThat(warnings()).isEmpty();
    assertThat(mode(file)).isEqualTo("rw-r-----");
  }
}
