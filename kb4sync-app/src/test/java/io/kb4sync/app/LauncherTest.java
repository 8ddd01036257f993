package io.kb4sync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher, {@code ./kb4sync}, run by bash on a copy of itself in a small folder laid out like
 * the repository, with stand-ins for {@code mvn} and {@code java} first on the PATH: the stand-in
 * Maven writes its jar slowly, so a jar written in place would be seen half-written; the stand-in
 * java refuses a jar that is not whole and prints which jar it ran. The real Maven build is proven
 * by {@code .ci/launcher-test}, which CI runs after the tests.
 */
class LauncherTest {
  private static final String WHOLE = "END";

  /**
   * Stand-in Maven: records the call, then writes version n+1 slowly to -Dkb4sync.jar.output; with
   * STUB_MVN_WAIT_FOR it stops half-way until that file exists.
   */
  private static final String MVN =
      """
      #!/usr/bin/env bash
      echo "$*" >> "$STUB_STATE/mvn.calls"
      if [[ -n "${STUB_MVN_FAIL:-}" ]]; then echo "[ERROR] BUILD FAILURE" >&2; exit 1; fi
      if [[ -n "${STUB_MVN_TOUCH:-}" ]]; then sleep 0.1; touch "$STUB_MVN_TOUCH"; fi
      out=""
      for a in "$@"; do
        case "$a" in -Dkb4sync.jar.output=*) out="${a#-Dkb4sync.jar.output=}";; esac
      done
      [[ -n "$out" ]] || out="$PWD/kb4sync-app/target/kb4sync.jar"
      n=$(( $(cat "$STUB_STATE/version" 2>/dev/null || echo 0) + 1 ))
      echo "$n" > "$STUB_STATE/version"
      {
        echo "jar v$n"
        for i in $(seq 1 10); do echo "class $i"; sleep 0.05; done
        while [[ -n "${STUB_MVN_WAIT_FOR:-}" && ! -e "$STUB_MVN_WAIT_FOR" ]]; do sleep 0.02; done
        for i in $(seq 11 20); do echo "class $i"; sleep 0.05; done
        echo END
      } > "$out"
      """;

  /**
   * Stand-in java: exit 98 for a jar that is not whole; else prints the jar, cwd and args (and
   * keeps its -X options in $STUB_STATE/java.options). With STUB_JAVA_WAIT_FOR it keeps running
   * (marked by $STUB_STATE/java-running) until that file exists.
   */
  private static final String JAVA =
      """
      #!/usr/bin/env bash
      cwd=""; jar=""; options=""
      while [[ $# -gt 0 ]]; do
        case "$1" in
          -Dkb4sync.cwd=*) cwd="${1#-Dkb4sync.cwd=}"; shift ;;
          -jar) jar="$2"; shift 2; break ;;
          -X*) options="$options $1"; shift ;;
          *) shift ;;
        esac
      done
      echo "${options# }" > "$STUB_STATE/java.options"
      content="$(cat "$jar")" || exit 97
      [[ "$(tail -n 1 <<< "$content")" == END ]] || { echo "half-written jar" >&2; exit 98; }
      if [[ -n "${STUB_JAVA_WAIT_FOR:-}" ]]; then
        touch "$STUB_STATE/java-running"
        while [[ ! -e "$STUB_JAVA_WAIT_FOR" ]]; do sleep 0.02; done
      fi
      echo "ran $(head -n 1 <<< "$content") cwd=$cwd args=$*"
      """;

  @TempDir Path dir;
  Path repo;
  Path jar;
  Path bin;
  Path state;
  Path caller;
  final Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));

  @BeforeEach
  void aRepositoryWithAFreshJar() throws IOException {
    requireOnPath("bash");
    requireOnPath("flock");
    repo = Files.createDirectories(dir.resolve("repo"));
    Path launcher = Path.of("").toAbsolutePath().getParent().resolve("kb4sync");
    assertThat(launcher).as("the launcher at the repository root").isRegularFile();
    Files.copy(launcher, repo.resolve("kb4sync"));
    for (String file :
        List.of(
            "pom.xml",
            "README.md",
            "kb4sync-app/pom.xml",
            "kb4sync-app/src/main/java/io/kb4sync/app/Main.java",
            "kb4sync-core/src/main/java/io/kb4sync/core/Emails.java",
            "kb4sync-core/src/main/resources/db/V1__links.sql",
            "kb4sync-core/src/test/java/io/kb4sync/core/EmailsTest.java")) {
      write(repo.resolve(file), "// " + file + "\n", twoHoursAgo);
    }
    jar = repo.resolve("kb4sync-app/target/kb4sync.jar");
    write(jar, "jar v0\n" + WHOLE + "\n", twoHoursAgo.plus(Duration.ofHours(1)));
    bin = Files.createDirectories(dir.resolve("bin"));
    executable(bin.resolve("mvn"), MVN);
    executable(bin.resolve("java"), JAVA);
    state = Files.createDirectories(dir.resolve("state"));
    caller = Files.createDirectories(dir.resolve("caller folder"));
  }

  @Test
  void a_fresh_jar_runs_at_once_with_the_arguments_and_the_callers_folder() throws Exception {
    Launch launch = launch("sync", "--config", "kb4sync.yaml").await();

    assertThat(launch.exit).as(launch.stderr()).isZero();
    assertThat(launch.stdout())
        .isEqualTo("ran jar v0 cwd=" + caller + " args=sync --config kb4sync.yaml\n");
    assertThat(launch.stderr()).isEmpty();
    assertThat(mvnCalls()).isEmpty();
  }

  @Test
  void the_jvm_gets_the_quick_compiler_only_and_the_users_options_after_it() throws Exception {
    Launch launch = launch("--version").env("KB4SYNC_JAVA_OPTS", "-Xmx2g -XX:TieredStopAtLevel=4");

    assertThat(launch.await().exit).as(launch.stderr()).isZero();
    assertThat(Files.readString(state.resolve("java.options")).trim())
        .isEqualTo("-XX:TieredStopAtLevel=1 -Xmx2g -XX:TieredStopAtLevel=4");
  }

  @Test
  void tests_and_docs_newer_than_the_jar_build_nothing() throws Exception {
    touch("kb4sync-core/src/test/java/io/kb4sync/core/EmailsTest.java");
    touch("README.md");

    Launch launch = launch("--version").await();

    assertThat(launch.stdout()).startsWith("ran jar v0 ");
    assertThat(mvnCalls()).isEmpty();
  }

  @Test
  void a_pom_newer_than_the_jar_rebuilds_it() throws Exception {
    touch("kb4sync-app/pom.xml");

    Launch launch = launch("--version").await();

    assertThat(launch.exit).as(launch.stderr()).isZero();
    assertThat(launch.stdout()).startsWith("ran jar v1 ");
    assertThat(launch.stderr()).contains("kb4sync-app/pom.xml is newer than the jar");
    assertThat(mvnCalls()).hasSize(1);
  }

  @Test
  void a_missing_jar_is_built_first() throws Exception {
    Files.delete(jar);

    Launch launch = launch("--version").await();

    assertThat(launch.stdout()).startsWith("ran jar v1 ");
    assertThat(launch.stderr()).contains("the jar is missing");
  }

  @Test
  void two_launches_with_a_stale_jar_build_once_both_run_and_nobody_sees_half_a_jar()
      throws Exception {
    touch("kb4sync-core/src/main/java/io/kb4sync/core/Emails.java");
    Path release = dir.resolve("release-maven");
    List<String> seen = new ArrayList<>(); // what a cron job starting at each moment would run
    try (FileChannel running = FileChannel.open(jar, StandardOpenOption.READ)) {
      Launch first =
          launch("sync", "--company", "1001").env("STUB_MVN_WAIT_FOR", release.toString());
      Launch second =
          launch("audit", "--company", "1002").env("STUB_MVN_WAIT_FOR", release.toString());
      first.start();
      second.start();
      // One of them builds and Maven stops half-way; the other must be waiting for its lock.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(first.stderr() + second.stderr()).contains("waiting for another launch")) {
        seen.add(readJar());
        if (System.nanoTime() > deadline) {
          Files.createFile(release);
          fail("no launch waited for the other's build: " + first.stderr() + second.stderr());
        }
        Thread.sleep(5);
      }
      for (int i = 0; i < 20; i++) {
        seen.add(readJar());
        Thread.sleep(5);
      }
      Files.createFile(release);
      while (first.process.isAlive() || second.process.isAlive()) {
        seen.add(readJar());
        Thread.sleep(5);
      }
      first.await();
      second.await();

      assertThat(first.exit).as(first.stderr()).isZero();
      assertThat(second.exit).as(second.stderr()).isZero();
      assertThat(first.stdout())
          .isEqualTo("ran jar v1 cwd=" + caller + " args=sync --company 1001\n");
      assertThat(second.stdout())
          .isEqualTo("ran jar v1 cwd=" + caller + " args=audit --company 1002\n");
      assertThat(mvnCalls()).hasSize(1);
      assertThat(mvnCalls().get(0)).contains("-Dkb4sync.jar.output=" + jar.getParent() + "/");
      assertThat(first.stderr() + second.stderr()).containsOnlyOnce("building the runnable jar");
      // A process that had the old jar open still reads the old jar, whole.
      ByteBuffer old = ByteBuffer.allocate((int) running.size());
      running.read(old, 0);
      assertThat(new String(old.array(), StandardCharsets.UTF_8))
          .isEqualTo("jar v0\n" + WHOLE + "\n");
    }
    assertThat(seen)
        .hasSizeGreaterThan(20)
        .allSatisfy(jar -> assertThat(jar).endsWith(WHOLE + "\n"));
    assertThat(seen).first().asString().startsWith("jar v0");
    assertThat(readJar()).startsWith("jar v1");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void a_source_changed_while_maven_builds_is_built_by_the_next_launch() throws Exception {
    touch("kb4sync-app/src/main/java/io/kb4sync/app/Main.java");
    Path changed = repo.resolve("kb4sync-core/src/main/java/io/kb4sync/core/Emails.java");

    Launch during = launch("--version").env("STUB_MVN_TOUCH", changed.toString()).await();
    Launch next = launch("--version").await();

    assertThat(during.stdout()).startsWith("ran jar v1 ");
    assertThat(next.stdout()).startsWith("ran jar v2 ");
    assertThat(next.stderr()).contains("Emails.java is newer than the jar");
  }

  @Test
  void a_running_kb4sync_holds_no_lock_so_the_next_rebuild_does_not_wait_for_it() throws Exception {
    touch("kb4sync-app/src/main/java/io/kb4sync/app/Main.java");
    Path release = dir.resolve("release-java");
    Launch longRun = launch("--version").env("STUB_JAVA_WAIT_FOR", release.toString()).start();
    try {
      awaitUntil(() -> Files.exists(state.resolve("java-running")));
      touch("kb4sync-core/src/main/java/io/kb4sync/core/Emails.java");

      Launch next = launch("--version").await(); // times out if the running kb4sync held the lock

      assertThat(next.stdout()).startsWith("ran jar v2 ");
      assertThat(next.stderr()).doesNotContain("waiting");
      assertThat(longRun.process.isAlive()).as("the first kb4sync is still running").isTrue();
    } finally {
      Files.createFile(release);
    }
    longRun.await();
    assertThat(longRun.stdout()).startsWith("ran jar v1 ");
  }

  @Test
  void a_failed_build_leaves_the_old_jar_and_no_temporary_file() throws Exception {
    touch("kb4sync-core/src/main/resources/db/V1__links.sql");

    Launch launch = launch("--version").env("STUB_MVN_FAIL", "1").await();

    assertThat(launch.exit).isEqualTo(1);
    assertThat(launch.stdout()).isEmpty();
    assertThat(launch.stderr())
        .contains("BUILD FAILURE", "the build failed; kb4sync-app/target/kb4sync.jar is unchanged");
    assertThat(readJar()).isEqualTo("jar v0\n" + WHOLE + "\n");
    assertThat(leftovers()).isEmpty();
  }

  // ---- helpers

  /** A launch of the copied launcher from the caller's folder; started by start() or await(). */
  final class Launch {
    final ProcessBuilder builder;
    final Path out;
    final Path err;
    Process process;
    int exit = -1;

    Launch(String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add("bash");
      command.add(repo.resolve("kb4sync").toString());
      command.addAll(List.of(args));
      out = Files.createTempFile(dir, "out", ".txt");
      err = Files.createTempFile(dir, "err", ".txt");
      builder =
          new ProcessBuilder(command)
              .directory(caller.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      builder.environment().put("STUB_STATE", state.toString());
      builder.environment().remove("KB4SYNC_JAVA_OPTS");
    }

    Launch env(String name, String value) {
      builder.environment().put(name, value);
      return this;
    }

    Launch start() throws IOException {
      if (process == null) {
        process = builder.start();
      }
      return this;
    }

    Launch await() throws Exception {
      start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the launcher did not finish within 60 s: " + stderr());
      }
      exit = process.exitValue();
      return this;
    }

    String stdout() throws IOException {
      return Files.readString(out);
    }

    String stderr() throws IOException {
      return Files.readString(err);
    }
  }

  Launch launch(String... args) throws IOException {
    return new Launch(args);
  }

  List<String> mvnCalls() throws IOException {
    Path calls = state.resolve("mvn.calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  String readJar() throws IOException {
    try {
      return Files.readString(jar);
    } catch (NoSuchFileException e) {
      return "(missing)";
    }
  }

  /** Temporary jars or stamps a build left in the target folder. */
  List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(jar.getParent())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.contains(".tmp") || n.contains(".started"))
          .toList();
    }
  }

  void touch(String file) throws IOException {
    Files.setLastModifiedTime(repo.resolve(file), FileTime.from(Instant.now()));
  }

  interface Condition {
    boolean holds() throws IOException;
  }

  static void awaitUntil(Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("condition not met within 30 s");
      }
      Thread.sleep(10);
    }
  }

  static void write(Path file, String text, Instant modified) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** bash and flock are on every CI machine (Debian); elsewhere a missing one skips the test. */
  static void requireOnPath(String program) {
    boolean found =
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    if (System.getenv("CI") != null) {
      assertThat(found).as(program + " on the PATH").isTrue();
    }
    Assumptions.assumeTrue(found, program + " is not on the PATH");
  }
}
