package io.kb4sync.notify;

/**
 * One entry of {@code notifications.webhooks}: a generic JSON POST.
 *
 * @param url required; treated as a secret (it may carry a token)
 * @param secret null for no signature; else the HMAC-SHA256 key of the {@code X-Kb4sync-Signature:
 *     sha256=<hex>} header
 */
public record WebhookSettings(String url, String secret) {
  @Override
  public String toString() {
    return "WebhookSettings[url=***, secret=" + (secret == null ? "null" : "***") + "]";
  }
}
