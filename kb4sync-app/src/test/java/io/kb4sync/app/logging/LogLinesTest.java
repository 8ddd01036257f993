package io.kb4sync.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The shipped {@code logback.xml}, loaded as the jar loads it, with a directory value full of
 * control characters: each event stays one line, the characters shown escaped.
 */
class LogLinesTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream before;
  private LoggerContext context;

  @BeforeEach
  void configureTheShippedLogging() throws Exception {
    before = System.err;
    System.setErr(
        new PrintStream(
            onlyFrom(Thread.currentThread(), err, before), true, StandardCharsets.UTF_8));
    context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogLinesTest.class.getResource("/logback.xml"));
  }

  @AfterEach
  void restore() {
    context.stop();
    System.setErr(before);
  }

  /**
   * Keeps what {@code thread} writes; what other threads write goes on to {@code others}. stderr is
   * the process's: a thread left by an earlier test class (a pool logging "Thread starvation or
   * clock leap detected" on a loaded machine) would otherwise add its line to this test's lines.
   */
  private static OutputStream onlyFrom(Thread thread, OutputStream mine, OutputStream others) {
    return new OutputStream() {
      private OutputStream target() {
        return Thread.currentThread() == thread ? mine : others;
      }

      @Override
      public void write(int b) throws IOException {
        target().write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        target().write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        others.flush();
      }
    };
  }

  private List<String> lines() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void the_shipped_configuration_loads_without_a_warning() {
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(status -> status.getLevel() >= Status.WARN);
  }

  @Test
  void a_name_with_cr_and_lf_stays_on_its_line_escaped() {
    Logger log = context.getLogger("io.kb4sync.knowbe4.KnowBe4Platform");

    log.warn(
        "KnowBe4 user {} already existed and is archived",
        "eve@acme.example\r\nkb4sync: ERROR Executor: all users archived\u0007\u001b[2J");

    assertThat(lines())
        .containsExactly(
            "kb4sync: WARN KnowBe4Platform: KnowBe4 user eve@acme.example\\r\\nkb4sync: ERROR"
                + " Executor: all users archived\\u0007\\u001b[2J already existed and is archived");
  }

  @Test
  void unicode_line_separators_and_bidi_overrides_are_escaped_too() {
    context.getLogger("x").warn("{}", "a\u2028b\u2029c\u202ed\u2066e\u0085f\tg");

    assertThat(lines())
        .containsExactly("kb4sync: WARN x: a\\u2028b\\u2029c\\u202ed\\u2066e\\u0085f\\tg");
  }

  @Test
  void an_exception_message_is_escaped_and_its_frames_keep_their_lines() {
    RuntimeException failure =
        new RuntimeException(
            "refused user Eve\nkb4sync: WARN forged", new IllegalStateException("cause\rforged"));

    context.getLogger("x").warn("notification failed", failure);

    List<String> lines = lines();
    assertThat(lines.get(0)).isEqualTo("kb4sync: WARN x: notification failed");
    assertThat(lines.get(1))
        .isEqualTo("java.lang.RuntimeException: refused user Eve\\nkb4sync: WARN forged");
    assertThat(lines).anyMatch(l -> l.contains("IllegalStateException: cause\\rforged"));
    assertThat(lines).noneMatch(l -> l.startsWith("kb4sync: WARN forged"));
    assertThat(lines).noneMatch(l -> l.startsWith("forged"));
    assertThat(lines.subList(2, lines.size()))
        .allMatch(l -> l.startsWith("\t") || l.startsWith("Caused by"));
  }

  @Test
  void plain_text_and_backslashes_are_left_as_they_are() {
    assertThat(OneLine.escape("C:\\kb4sync\\kb4sync.yaml: José <!channel>"))
        .isEqualTo("C:\\kb4sync\\kb4sync.yaml: José <!channel>");
    assertThat(OneLine.escape(null)).isNull();
  }
}
