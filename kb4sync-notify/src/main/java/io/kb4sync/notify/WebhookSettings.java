package io.kb4sync.notify;

/**
 * One entry of {@code notifications.webhooks}: a generic JSON POST.
 *
 * @param url required; treated as a secret (it may carry a token)
 * @param secret null for no signature; else the signing secret: a Standard Webhooks secret ({@code
 *     whsec_} and base64, whose decoded bytes are the key) or any other text (its UTF-8 bytes are
 *     the key); signs {@code webhook-signature} and, for one release, {@code X-Kb4sync-Signature}
 */
public record WebhookSettings(String url, String secret) {
  @Override
  public String toString() {
    return "WebhookSettings[url=***, secret=" + (secret == null ? "null" : "***") + "]";
  }
}
