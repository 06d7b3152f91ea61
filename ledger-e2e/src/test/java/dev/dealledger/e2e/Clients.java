package dev.dealledger.e2e;

import dev.dealledger.client.LedgerClients;
import java.util.function.Supplier;

/**
 * Builds the generated ledger clients for the tests, exactly as another service would (through
 * {@link LedgerClients}), with the bearer token {@link TestTokens} hands out for the role each service needs. Every
 * test builds its clients here, so that turning on authentication is a change to {@link TestTokens} alone.
 */
final class Clients {

    private Clients() {}

    /** A client of the command service, as a writer ({@code ledger-writer}). */
    static dev.dealledger.client.command.ApiClient command(String baseUrl) {
        return LedgerClients.command(baseUrl, token(TestTokens.WRITER));
    }

    /** A client of the query service, as an auditor ({@code ledger-auditor}). */
    static dev.dealledger.client.query.ApiClient query(String baseUrl) {
        return LedgerClients.query(baseUrl, token(TestTokens.AUDITOR));
    }

    /** A client of the query service's operations ({@code /api/v1/admin}), as {@code ledger-admin}. */
    static dev.dealledger.client.query.ApiClient queryAdmin(String baseUrl) {
        return LedgerClients.query(baseUrl, token(TestTokens.ADMIN));
    }

    /** Asked on every request, so a token that expires during a long test is replaced by a fresh one. */
    private static Supplier<String> token(String role) {
        return () -> TestTokens.bearer(role).orElse(null);
    }
}
