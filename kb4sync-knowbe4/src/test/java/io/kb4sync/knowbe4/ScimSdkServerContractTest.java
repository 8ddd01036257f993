package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.training.NewUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SCIM contract against scim-sdk-server 1.27.1: proves the client speaks standard SCIM 2.0, not
 * only what our own simulator understands.
 */
class ScimSdkServerContractTest extends ScimContract {
  private final ScimSdkServerPeer peer = start();

  private static ScimSdkServerPeer start() {
    try {
      return new ScimSdkServerPeer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    peer.close();
  }

  @Override
  protected URI scimUrl() {
    return peer.scimUrl();
  }

  @Override
  protected String token() {
    return ScimSdkServerPeer.TOKEN;
  }

  @Override
  protected int pageCap() {
    return ScimSdkServerPeer.PAGE_CAP;
  }

  @Override
  protected boolean decodesFilterEscapes() {
    return false;
  }

  @Test
  void the_peer_made_the_client_page() {
    for (int i = 0; i < ScimSdkServerPeer.PAGE_CAP + 1; i++) {
      platform.create(new NewUser("p" + i + "@acme.example", null, null, null, null, null));
    }
    int before = peer.listRequests();

    assertThat(platform.read().users()).hasSize(ScimSdkServerPeer.PAGE_CAP + 1);
    // Two pages of users plus one of groups.
    assertThat(peer.listRequests() - before).isEqualTo(3);
  }
}
