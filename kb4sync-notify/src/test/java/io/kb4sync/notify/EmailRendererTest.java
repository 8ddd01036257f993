package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.notify.Notification;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailRendererTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private final EmailRenderer renderer = new EmailRenderer();

  private static Notification hostile() {
    return ReportNotifications.compose(
        TestReports.quiet()
            .created("evil@acme.example", SCRIPT, "O'Brien & \"Co\"")
            .error("x@acme.example", "update", "<img src=x onerror=alert(2)>")
            .staged(6, TestReports.MASS_GUARD)
            .configPath("/etc/<kb4sync>/config.yaml")
            .build(),
        List.of("it@acme.example"),
        20,
        "{}");
  }

  @Test
  void html_escapes_a_user_named_like_a_script() {
    String html = renderer.html(hostile());

    assertThat(html)
        .doesNotContain(SCRIPT)
        .doesNotContain("<img")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("O&#39;Brien &amp; &quot;Co&quot;")
        .contains("&lt;img src=x onerror=alert(2)&gt;");
  }

  @Test
  void html_escapes_the_consent_command_and_shows_it() {
    String html = renderer.html(hostile());

    assertThat(html)
        .contains("--config &#39;/etc/&lt;kb4sync&gt;/config.yaml&#39;")
        .contains("<pre");
    assertThat(html).doesNotContain("/etc/<kb4sync>");
  }

  @Test
  void html_has_every_fact_and_section_with_and_n_more() {
    Notification n =
        ReportNotifications.compose(
            TestReports.quiet().createdMany(25).build(), List.of(), 20, "{}");

    String html = renderer.html(n);

    assertThat(html).contains("<th").contains("Memberships added").contains("Users created");
    assertThat(html).contains("<em>and 5 more</em>");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
  }

  @Test
  void text_carries_the_same_content_unescaped() {
    Notification n = hostile();

    String text = renderer.text(n);

    assertThat(text).startsWith(n.title() + "\n");
    assertThat(text).contains(SCRIPT).contains("Created: 1").contains("Consent needed");
    assertThat(text).contains(n.consentCommand());
    assertThat(text).doesNotContain("&lt;");
  }

  @Test
  void text_says_and_n_more_past_the_limit() {
    Notification n =
        ReportNotifications.compose(TestReports.quiet().createdMany(4).build(), List.of(), 1, "{}");

    assertThat(renderer.text(n)).contains("  ... and 3 more\n");
  }

  @Test
  void the_subject_is_the_title_on_one_line() {
    Notification n = hostile();
    assertThat(renderer.subject(n)).isEqualTo(n.title()).doesNotContain("\n");
  }
}
