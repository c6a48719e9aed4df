/**
 * The durable event log: a database (embedded SQLite by default, PostgreSQL by a JDBC URL) with one schema kept by
 * Flyway migrations; events, snapshots and the store's settings.
 */
package org.pmargin.server.store;
