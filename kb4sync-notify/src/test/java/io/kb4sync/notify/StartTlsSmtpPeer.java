package io.kb4sync.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server for the STARTTLS test: it offers STARTTLS on a plain connection, upgrades
 * the same socket with {@code SSLSocketFactory.createSocket(socket, ...)} when asked, and only then
 * offers AUTH PLAIN. It refuses AUTH before TLS, records what happened, and takes one message.
 */
final class StartTlsSmtpPeer implements AutoCloseable {
  private final ServerSocket server;
  private final SSLContext tls;
  private final boolean offerStartTls;
  private final Thread thread;
  private final List<String> events = new ArrayList<>();
  private volatile String credentials;
  private volatile String data;

  StartTlsSmtpPeer(SSLContext tls, boolean offerStartTls) throws IOException {
    this.tls = tls;
    this.offerStartTls = offerStartTls;
    this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "starttls-smtp-peer");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * What the session did, in order: {@code EHLO}, {@code STARTTLS}, {@code TLS}, {@code AUTH} ...
   */
  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** {@code user:password} of AUTH PLAIN, or null. */
  String credentials() {
    return credentials;
  }

  /** The message as received after DATA, or null. */
  String data() {
    return data;
  }

  private synchronized void event(String event) {
    events.add(event);
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(10_000);
        session(socket);
      } catch (IOException e) {
        event("closed: " + e.getClass().getSimpleName());
      }
    }
  }

  private void session(Socket plain) throws IOException {
    Socket socket = plain;
    BufferedReader in = reader(socket);
    Writer out = writer(socket);
    boolean secure = false;
    reply(out, "220 localhost ESMTP kb4sync-test");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        event(secure ? "EHLO over TLS" : "EHLO");
        if (secure) {
          reply(out, "250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME");
        } else if (offerStartTls) {
          reply(out, "250-localhost\r\n250-STARTTLS\r\n250 8BITMIME");
        } else {
          reply(out, "250-localhost\r\n250 8BITMIME");
        }
      } else if (command.equals("STARTTLS") && offerStartTls && !secure) {
        event("STARTTLS");
        reply(out, "220 2.0.0 Ready to start TLS");
        SSLSocket upgraded =
            (SSLSocket)
                tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        upgraded.setUseClientMode(false);
        upgraded.startHandshake();
        event("TLS " + upgraded.getSession().getProtocol());
        socket = upgraded;
        in = reader(socket);
        out = writer(socket);
        secure = true;
      } else if (command.startsWith("AUTH PLAIN")) {
        if (!secure) {
          event("AUTH refused before TLS");
          reply(out, "530 5.7.0 Must issue a STARTTLS command first");
          continue;
        }
        String initial = line.length() > "AUTH PLAIN".length() ? line.substring(11).trim() : "";
        if (initial.isEmpty()) {
          reply(out, "334 ");
          initial = in.readLine();
        }
        String[] parts =
            new String(Base64.getDecoder().decode(initial), StandardCharsets.UTF_8).split("\0");
        credentials = parts[1] + ":" + parts[2];
        event("AUTH");
        reply(out, "235 2.7.0 Authentication successful");
      } else if (command.startsWith("MAIL FROM")) {
        event("MAIL");
        reply(out, "250 2.1.0 Ok");
      } else if (command.startsWith("RCPT TO")) {
        event("RCPT");
        reply(out, "250 2.1.5 Ok");
      } else if (command.equals("DATA")) {
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        StringBuilder message = new StringBuilder();
        String dataLine;
        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
          message.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append('\n');
        }
        data = message.toString();
        event("DATA");
        reply(out, "250 2.0.0 Ok: queued");
      } else if (command.equals("QUIT")) {
        event("QUIT");
        reply(out, "221 2.0.0 Bye");
        return;
      } else if (command.equals("RSET") || command.equals("NOOP")) {
        reply(out, "250 2.0.0 Ok");
      } else {
        reply(out, "502 5.5.2 Command not recognised");
      }
    }
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static Writer writer(Socket socket) throws IOException {
    OutputStream stream = socket.getOutputStream();
    return new OutputStreamWriter(stream, StandardCharsets.UTF_8);
  }

  private static void reply(Writer out, String text) throws IOException {
    out.write(text + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
