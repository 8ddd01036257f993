/**
 * The dashboard's ports (docs/dashboard.md): {@link io.kb4sync.server.web.People} (local accounts
 * checked by password), {@link io.kb4sync.server.web.Sessions} (signed-in people, kept in the state
 * store so that every node shares them) and {@link io.kb4sync.server.web.AdminLog} (who did what).
 * The app implements them over the state store; the pages see nothing else of it.
 */
package io.kb4sync.server.web;
