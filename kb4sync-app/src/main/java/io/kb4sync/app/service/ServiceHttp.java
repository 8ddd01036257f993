package io.kb4sync.app.service;

import io.kb4sync.server.Book;

/** Service mode's HTTP face as {@code serve} starts and stops it. */
public interface ServiceHttp {
  /**
   * Listens on {@code bind}:{@code port} (0: a free port).
   *
   * @return the port it listens on
   * @throws RuntimeException when it cannot bind
   */
  int start(String bind, int port);

  void stop();

  /** Builds the HTTP face over a book. */
  interface Factory {
    ServiceHttp create(Book book);
  }
}
