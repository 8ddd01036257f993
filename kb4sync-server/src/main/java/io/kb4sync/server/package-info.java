/**
 * Service mode's HTTP face ({@code kb4sync serve}): the JSON API under {@code /api/v1}, {@code
 * /healthz}, {@code /readyz} and {@code /metrics}. It sees the service through small ports — {@link
 * io.kb4sync.server.Book} (companies, runs, reload, readiness) and {@link io.kb4sync.server.Tokens}
 * (who is calling) — that the app wires; it knows no Graph, KnowBe4, SQL or notification detail.
 */
package io.kb4sync.server;
