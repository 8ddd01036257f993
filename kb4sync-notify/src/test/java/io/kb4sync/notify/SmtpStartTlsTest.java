package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.remote.RemoteException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS against {@link StartTlsSmtpPeer}, with a self-signed certificate for 127.0.0.1 made at
 * test time by the JDK's {@code keytool}. The client trusts exactly that certificate (no
 * trust-all), so the host name check of {@code mail.smtp.ssl.checkserveridentity} is exercised too.
 */
class SmtpStartTlsTest {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();
  private static final String PASSWORD = "starttls-pass-456";

  @TempDir static Path dir;
  private static SSLContext serverTls;
  private static SSLSocketFactory trustingOurCertificate;

  @BeforeAll
  static void makeACertificate() throws Exception {
    Path keystore = dir.resolve("smtp.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "smtp",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(STORE_PASSWORD),
                "-keypass",
                new String(STORE_PASSWORD))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("keytool: %s", Files.readString(dir.resolve("keytool.log")))
        .isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, STORE_PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, STORE_PASSWORD);
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);

    Certificate certificate = keys.getCertificate("smtp");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("smtp", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    trustingOurCertificate = client.getSocketFactory();
  }

  private static Notification notification() {
    return ReportNotifications.compose(
        TestReports.quiet().staged(6, TestReports.MASS_GUARD).build(),
        List.of("it@acme.example"),
        20,
        "{}");
  }

  private static SmtpNotifier notifier(int port, SSLSocketFactory factory) {
    return new SmtpNotifier(
        new SmtpSettings(
            "127.0.0.1",
            port,
            SmtpSettings.Security.STARTTLS,
            "kb4sync",
            PASSWORD,
            "kb4sync@msp.example"),
        List.of(),
        Duration.ofSeconds(10),
        factory);
  }

  @Test
  void starttls_upgrades_the_connection_before_the_password_is_sent() throws Exception {
    try (StartTlsSmtpPeer peer = new StartTlsSmtpPeer(serverTls, true)) {
      Notification n = notification();

      notifier(peer.port(), trustingOurCertificate).send(n);

      assertThat(peer.events())
          .startsWith("EHLO", "STARTTLS")
          .contains("EHLO over TLS", "AUTH", "MAIL", "RCPT", "DATA")
          .doesNotContain("AUTH refused before TLS");
      assertThat(peer.events().indexOf("AUTH")).isGreaterThan(peer.events().indexOf("STARTTLS"));
      assertThat(peer.events().get(2)).startsWith("TLS TLSv1.");
      assertThat(peer.credentials()).isEqualTo("kb4sync:" + PASSWORD);
      assertThat(peer.data())
          .contains("Subject: ")
          .contains("multipart/alternative")
          .contains("text/plain")
          .contains("text/html");
    }
  }

  @Test
  void a_server_that_does_not_offer_starttls_gets_no_password() throws Exception {
    try (StartTlsSmtpPeer peer = new StartTlsSmtpPeer(serverTls, false)) {
      assertThatThrownBy(() -> notifier(peer.port(), trustingOurCertificate).send(notification()))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
                assertThat(e.getMessage())
                    .startsWith("email (smtp): could not send via 127.0.0.1:")
                    .doesNotContain(PASSWORD);
              });
      assertThat(peer.events()).doesNotContain("AUTH", "MAIL", "DATA");
      assertThat(peer.credentials()).isNull();
    }
  }

  @Test
  void an_untrusted_certificate_stops_the_session_before_the_password_is_sent() throws Exception {
    try (StartTlsSmtpPeer peer = new StartTlsSmtpPeer(serverTls, true)) {
      // The JVM's default trust store does not know our self-signed certificate.
      assertThatThrownBy(() -> notifier(peer.port(), null).send(notification()))
          .isInstanceOfSatisfying(
              RemoteException.class, e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
      assertThat(peer.events()).contains("STARTTLS").doesNotContain("AUTH", "MAIL");
      assertThat(peer.credentials()).isNull();
    }
  }
}
