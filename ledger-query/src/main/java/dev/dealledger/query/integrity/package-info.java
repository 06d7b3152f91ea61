/**
 * Tamper evidence on the read side: the verdict over the whole log against its signed checkpoints, the latest
 * checkpoint and the export for the offline verifier, read from the event store itself (docs/security.md).
 */
package dev.dealledger.query.integrity;
