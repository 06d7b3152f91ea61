package dev.dealledger.query.processing;

import dev.dealledger.api.Roles;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import java.util.Map;

/**
 * The same property as {@link RebuildingGivesTheSameAnswersTest}, with the projection keeping no deal, commitment or
 * grant in memory. Every fact then finds what came before it in the database or, for a fact of its own batch, among
 * the rows the batch has queued and not yet inserted (the facts are inserted in one JDBC batch at commit). A full
 * cache hides that path: on a large ledger, where the caches evict, a miss inside a batch is routine, and a rebuild
 * projects a commitment and its amendments in one batch whenever they were recorded close together.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(value = LedgerQueryDatabase.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(ProjectingWithNothingKeptTest.NothingKept.class)
class ProjectingWithNothingKeptTest extends RebuildingGivesTheSameAnswersTest {

    public static class NothingKept implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ledger.projection.deal-lookup-cache.size", "0",
                    "ledger.projection.commitment-lookup-cache.size", "0");
        }
    }
}
