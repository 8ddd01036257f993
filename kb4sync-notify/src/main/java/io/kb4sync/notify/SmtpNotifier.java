package io.kb4sync.notify;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notifier;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.Redactor;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email through an SMTP relay (Angus Mail): one {@code multipart/alternative} message with a
 * plain-text part and an HTML part, to the company's recipients plus the configured extras.
 *
 * <p>With {@code starttls} the upgrade is required (the password never travels before TLS) and with
 * {@code starttls} and {@code tls} the server's certificate and host name are checked against the
 * JVM's trust store, or against the {@link SSLSocketFactory} given (a private CA, or a test).
 *
 * <p>Exchange Online's basic SMTP AUTH is being disabled by default from the end of 2026: for
 * Microsoft 365 mailboxes prefer {@link GraphMailNotifier}; keep SMTP for third-party relays.
 */
public final class SmtpNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpNotifier.class);
  static final String NAME = "email (smtp)";

  private final SmtpSettings settings;
  private final List<String> extraRecipients;
  private final Duration timeout;
  private final SSLSocketFactory sslSocketFactory;
  private final EmailRenderer renderer = new EmailRenderer();
  private final Redactor redactor;

  public SmtpNotifier(SmtpSettings settings, List<String> extraRecipients, Duration timeout) {
    this(settings, extraRecipients, timeout, null);
  }

  /**
   * @param sslSocketFactory null for the JVM's trust store; else the factory used for TLS and for
   *     the STARTTLS upgrade (e.g. one that trusts a private CA). Host names are checked either
   *     way.
   */
  public SmtpNotifier(
      SmtpSettings settings,
      List<String> extraRecipients,
      Duration timeout,
      SSLSocketFactory sslSocketFactory) {
    this.settings = Objects.requireNonNull(settings, "settings");
    settings.validate("notifications.email.smtp");
    this.extraRecipients = extraRecipients == null ? List.of() : List.copyOf(extraRecipients);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.sslSocketFactory = sslSocketFactory;
    List<String> secrets = new ArrayList<>();
    if (settings.password() != null) {
      secrets.add(settings.password());
      secrets.add(b64(settings.password()));
      secrets.add(b64("\0" + settings.username() + "\0" + settings.password()));
    }
    this.redactor = new Redactor(secrets);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void send(Notification notification) {
    List<String> to = Recipients.of(notification.recipients(), extraRecipients, NAME);
    Session session = Session.getInstance(properties());
    String where = settings.host() + ":" + settings.effectivePort();
    try {
      MimeMessage message = message(session, notification, to);
      try (Transport transport = session.getTransport("smtp")) {
        boolean auth = settings.username() != null && !settings.username().isBlank();
        transport.connect(
            settings.host(),
            settings.effectivePort(),
            auth ? settings.username() : null,
            auth ? settings.password() : null);
        transport.sendMessage(message, message.getAllRecipients());
      }
      LOG.info(
          "{}: sent '{}' to {} recipient(s) via {}", NAME, message.getSubject(), to.size(), where);
    } catch (AuthenticationFailedException e) {
      throw failure(RemoteException.Kind.UNAUTHORIZED, "authentication failed at " + where, e);
    } catch (SendFailedException e) {
      throw failure(RemoteException.Kind.BAD_REQUEST, "recipients refused by " + where, e);
    } catch (AddressException e) {
      throw failure(RemoteException.Kind.BAD_REQUEST, "invalid address", e);
    } catch (MessagingException e) {
      throw failure(RemoteException.Kind.UNAVAILABLE, "could not send via " + where, e);
    }
  }

  private MimeMessage message(Session session, Notification n, List<String> to)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(settings.from(), true));
    List<Address> addresses = new ArrayList<>();
    for (String address : to) {
      addresses.add(new InternetAddress(address, true));
    }
    message.setRecipients(Message.RecipientType.TO, addresses.toArray(new Address[0]));
    message.setSubject(renderer.subject(n), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    // RFC 3834: no out-of-office replies to a machine.
    message.setHeader("Auto-Submitted", "auto-generated");
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(renderer.text(n), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(renderer.html(n), StandardCharsets.UTF_8.name(), "html");
    // Least preferred first (RFC 2046): clients show the last part they can render.
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  Properties properties() {
    Properties props = new Properties();
    String millis = Long.toString(timeout.toMillis());
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.effectivePort()));
    props.put("mail.smtp.connectiontimeout", millis);
    props.put("mail.smtp.timeout", millis);
    props.put("mail.smtp.writetimeout", millis);
    props.put("mail.smtp.from", settings.from());
    boolean auth = settings.username() != null && !settings.username().isBlank();
    props.put("mail.smtp.auth", Boolean.toString(auth));
    switch (settings.effectiveSecurity()) {
      case STARTTLS:
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        tls(props);
        break;
      case TLS:
        props.put("mail.smtp.ssl.enable", "true");
        tls(props);
        break;
      case NONE:
      default:
        props.put("mail.smtp.starttls.enable", "false");
        break;
    }
    return props;
  }

  private void tls(Properties props) {
    props.put("mail.smtp.ssl.checkserveridentity", "true");
    props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
    if (sslSocketFactory != null) {
      props.put("mail.smtp.ssl.socketFactory", sslSocketFactory);
    }
  }

  private RemoteException failure(RemoteException.Kind kind, String what, Exception e) {
    String reason = redactor.line(firstLine(e), 200);
    return new RemoteException(
        kind,
        NAME,
        redactor.line(NAME + ": " + what + (reason.isEmpty() ? "" : ": " + reason), 400));
  }

  private static String firstLine(Throwable e) {
    // Angus nests the socket error as the cause; its message says the most.
    Throwable t = e;
    String message = e.getMessage();
    while ((message == null || message.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      message = t.getMessage();
    }
    if (message == null) {
      return t.getClass().getSimpleName();
    }
    String line = oneLine(message);
    Throwable cause = t.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      line += " (" + oneLine(cause.getMessage()) + ")";
    }
    return line;
  }

  private static String oneLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
