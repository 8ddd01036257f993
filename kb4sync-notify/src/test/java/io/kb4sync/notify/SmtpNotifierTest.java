package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.remote.RemoteException;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpNotifierTest {
  private static final String PASSWORD = "smtp-pass-123";

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(
              new ServerSetup[] {
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()
              })
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("kb4sync@msp.example", "kb4sync", PASSWORD));

  private static Notification notification() {
    return ReportNotifications.compose(
        TestReports.quiet()
            .created("evil@acme.example", "<script>alert(1)</script>", "Lee")
            .error("b@acme.example", "update", "HTTP 500")
            .build(),
        List.of("it@acme.example"),
        20,
        "{}");
  }

  private static SmtpNotifier plain(String password) {
    return new SmtpNotifier(
        new SmtpSettings(
            "127.0.0.1",
            MAIL.getSmtp().getPort(),
            SmtpSettings.Security.NONE,
            "kb4sync",
            password,
            "kb4sync@msp.example"),
        List.of("noc@msp.example"),
        Duration.ofSeconds(10));
  }

  @Test
  void plain_smtp_with_auth_delivers_one_multipart_alternative_with_text_and_html()
      throws Exception {
    Notification n = notification();

    plain(PASSWORD).send(n);

    MimeMessage[] received = MAIL.getReceivedMessages();
    // One message, delivered to each of the two recipients.
    assertThat(received).hasSize(2);
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo(n.title());
    assertThat(message.getFrom()[0].toString()).isEqualTo("kb4sync@msp.example");
    assertThat(message.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("it@acme.example", "noc@msp.example");
    assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    Multipart parts = (Multipart) message.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain").contains("UTF-8");
    assertThat(html.getContentType()).startsWith("text/html").contains("UTF-8");
    EmailRenderer renderer = new EmailRenderer();
    assertThat(normalise((String) text.getContent())).isEqualTo(normalise(renderer.text(n)));
    assertThat(normalise((String) html.getContent())).isEqualTo(normalise(renderer.html(n)));
    assertThat((String) html.getContent())
        .doesNotContain("<script>alert(1)</script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void a_wrong_password_is_unauthorized_and_the_password_is_not_in_the_message() {
    assertThatThrownBy(() -> plain("wrong-password-987").send(notification()))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage())
                  .startsWith("email (smtp): authentication failed at 127.0.0.1:")
                  .doesNotContain("wrong-password-987")
                  .doesNotContain(PASSWORD);
            });
    assertThat(MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void smtps_delivers_over_tls_from_the_first_byte() throws Exception {
    SmtpNotifier notifier =
        new SmtpNotifier(
            new SmtpSettings(
                "127.0.0.1",
                MAIL.getSmtps().getPort(),
                SmtpSettings.Security.TLS,
                "kb4sync",
                PASSWORD,
                "kb4sync@msp.example"),
            List.of(),
            Duration.ofSeconds(10),
            trustAllForThisTest());

    notifier.send(notification());

    assertThat(MAIL.getReceivedMessages()).hasSize(1);
    assertThat(MAIL.getReceivedMessages()[0].getSubject()).isEqualTo(notification().title());
  }

  @Test
  void smtps_refuses_greenmails_self_signed_certificate_with_the_default_trust() {
    SmtpNotifier notifier =
        new SmtpNotifier(
            new SmtpSettings(
                "127.0.0.1",
                MAIL.getSmtps().getPort(),
                SmtpSettings.Security.TLS,
                "kb4sync",
                PASSWORD,
                "kb4sync@msp.example"),
            List.of(),
            Duration.ofSeconds(10));

    assertThatThrownBy(() -> notifier.send(notification()))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
              assertThat(e.getMessage())
                  .startsWith("email (smtp): could not send via 127.0.0.1:")
                  .doesNotContain(PASSWORD);
            });
    assertThat(MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void an_unreachable_relay_is_unavailable() {
    SmtpNotifier notifier =
        new SmtpNotifier(
            new SmtpSettings("127.0.0.1", 1, SmtpSettings.Security.NONE, null, null, "k@b.example"),
            List.of(),
            Duration.ofSeconds(5));

    assertThatThrownBy(() -> notifier.send(notification()))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
              assertThat(e.getMessage()).startsWith("email (smtp): could not send via 127.0.0.1:1");
            });
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n");
  }

  /**
   * Trusts any certificate: GreenMail's built-in one is self-signed and names no host. Only this
   * test uses it; production code takes the JVM's trust store or a given factory.
   */
  static SSLSocketFactory trustAllForThisTest() throws Exception {
    TrustManager trustAll =
        new X509ExtendedTrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    return context.getSocketFactory();
  }
}
