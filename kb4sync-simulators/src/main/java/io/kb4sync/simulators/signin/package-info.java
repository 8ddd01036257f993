/**
 * A simulated Microsoft Entra ID for the dashboard's OpenID Connect sign-in: discovery, JWKS,
 * authorize, token; on loopback.
 */
package io.kb4sync.simulators.signin;
