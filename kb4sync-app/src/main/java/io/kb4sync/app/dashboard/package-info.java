/**
 * The dashboard's wiring in the app: the ports of {@code io.kb4sync.server.web} kept in memory
 * (interim, until the state-store accounts and sessions of branch {@code dash-auth} are merged) and
 * {@code serve --demo}'s sample world.
 */
package io.kb4sync.app.dashboard;
