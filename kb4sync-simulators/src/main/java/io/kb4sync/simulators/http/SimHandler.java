package io.kb4sync.simulators.http;

/** The behaviour of one simulated API. Called concurrently; implementations synchronise state. */
@FunctionalInterface
public interface SimHandler {
  SimResponse handle(SimRequest request);
}
