package io.kb4sync.graph;

import io.kb4sync.simulators.http.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract against Microsoft's documented example answers: the client parses what Microsoft
 * sends.
 */
class GraphDirectorySourceOnMicrosoftExamplesTest extends DirectorySourceContract {
  private ExamplesStub stub;

  @BeforeEach
  void start() {
    stub = ExamplesStub.start();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Override
  protected GraphSettings settings() {
    return stub.settings();
  }

  @Override
  protected RequestLog log() {
    return stub.log();
  }

  @Override
  protected int userPages() {
    return stub.userPageCount();
  }
}
