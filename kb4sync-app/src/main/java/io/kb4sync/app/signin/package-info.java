/**
 * The dashboard's ports ({@code io.kb4sync.server.web}) over the state store: local accounts with
 * Argon2id password hashes ({@link io.kb4sync.app.signin.StorePeople}), sessions kept by the
 * SHA-256 of their id ({@link io.kb4sync.app.signin.StoreSessions}) and the audit log of admin
 * actions ({@link io.kb4sync.app.signin.StoreAdminLog}).
 */
package io.kb4sync.app.signin;
