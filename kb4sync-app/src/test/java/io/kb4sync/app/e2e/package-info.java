/**
 * End-to-end tests of issue 5: each test runs the packaged jar ({@code
 * kb4sync-app/target/kb4sync.jar}) as a separate process, as a technician runs it, against the
 * Graph and KnowBe4 simulators over loopback HTTP, and checks the process's exit code, stdout
 * report, stderr and what reached the simulators.
 *
 * <p>The harness: {@link io.kb4sync.app.e2e.World} (one company: a tenant and an account, each on a
 * simulator of its own, with distinctive secrets), {@link io.kb4sync.app.e2e.Config} (the YAML; the
 * secrets only as {@code ${env:...}} references), {@link io.kb4sync.app.e2e.Kb4syncJar} (the
 * process: calling folder, environment, timeout, kill), {@link io.kb4sync.app.e2e.Run} (exit code,
 * stdout, stderr; every report read is validated against {@code docs/report.schema.json}) and
 * {@link io.kb4sync.app.e2e.StateDatabase} (the SQLite file between runs).
 *
 * <p>Conventions: a "write" is any request but GET and HEAD, except the OAuth token POST, which
 * changes nothing in Microsoft 365. The child JVM runs in a Turkish locale and a time zone 12:45
 * from UTC. Test classes run two at a time (failsafe configuration in the module's pom).
 *
 * <p>They run in {@code mvn -B verify} (failsafe, after {@code package}). One class: {@code mvn -B
 * -pl kb4sync-app -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=FaultsIT}.
 */
package io.kb4sync.app.e2e;
