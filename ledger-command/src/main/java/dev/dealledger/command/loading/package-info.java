/**
 * Loading Deal aggregates fast without ever loading a stale one: the deal cache kept between commands, and snapshots
 * taken on their own thread once the asking transaction has committed. {@code config} wires them into Axon.
 */
package dev.dealledger.command.loading;
