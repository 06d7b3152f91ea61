/**
 * The stored event contract. Every class here is persisted as JSON in the event store and must stay readable forever:
 * a change of name or fields needs a new {@code @Revision}, an upcaster and a golden JSON file of the old revision.
 * Amounts are written as JSON strings so that no reader ever sees a binary floating point number.
 */
package dev.dealledger.api.event;
