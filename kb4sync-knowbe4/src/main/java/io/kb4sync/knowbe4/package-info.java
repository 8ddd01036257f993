/**
 * The KnowBe4 training platform adapter: {@link io.kb4sync.knowbe4.KnowBe4Platform} implements the
 * core's {@code TrainingPlatform} over KnowBe4's SCIM 2.0 endpoint (all writes, and reads without a
 * Reporting key) and its Reporting API (reads and seats, when a key is configured).
 *
 * <p>Layout: {@code Gateway} holds what is KnowBe4's own on the way to kb4sync-http's one choke
 * point (credentials, pacing and bounded writes as the gate of every attempt, duplicate-safe
 * creates); {@code ClientTuning} the timeouts, retry rule and pacing; {@code RemoteErrors} is the
 * one translation of answers into {@code RemoteException}s; {@code ScimClient} and {@code
 * ReportingClient} speak the two wire protocols; {@code ScimMapping} and the snapshot readers
 * translate to and from the core's model.
 *
 * <p>Where KnowBe4's documentation is silent (SCIM paging, PATCH support, error bodies, 409 on
 * duplicates, DELETE semantics, filter case-sensitivity, the relation between Reporting and SCIM
 * ids) the code takes the defensive reading and says so where it does.
 */
package io.kb4sync.knowbe4;
