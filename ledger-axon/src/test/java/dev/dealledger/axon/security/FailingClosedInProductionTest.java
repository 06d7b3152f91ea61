package dev.dealledger.axon.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.axon.security.ProductionSettingsCheck.Settings;
import org.junit.jupiter.api.Test;

/** The prod profile refuses every development default a deployment must not run with, and nothing else. */
class FailingClosedInProductionTest {

    private static final Settings DEPLOYED = new Settings(
            "https://idp.example.com/deal-ledger",
            "file:/etc/ledger/jwt/public.pem",
            "/etc/ledger/checkpoint/public.pem",
            true,
            false,
            false);

    @Test
    void the_deployment_settings_pass() {
        assertThat(ProductionSettingsCheck.problems(DEPLOYED)).isEmpty();
    }

    @Test
    void a_missing_or_local_issuer_is_refused() {
        assertThat(problems(new Settings(
                        null, DEPLOYED.jwtKeyLocation(), DEPLOYED.checkpointKeyFile(), true, false, false)))
                .singleElement()
                .asString()
                .contains("issuer");
        assertThat(problems(new Settings(
                        ProductionSettingsCheck.LOCAL_ISSUER,
                        DEPLOYED.jwtKeyLocation(),
                        DEPLOYED.checkpointKeyFile(),
                        true,
                        false,
                        false)))
                .singleElement()
                .asString()
                .contains("issuer");
    }

    @Test
    void relative_key_paths_are_refused() {
        assertThat(problems(new Settings(
                        DEPLOYED.issuer(),
                        "file:data/jwt/public.pem",
                        "data/checkpoint/public.pem",
                        true,
                        false,
                        false)))
                .hasSize(2);
    }

    @Test
    void the_embedded_database_and_a_superuser_login_are_refused() {
        assertThat(problems(new Settings(
                        DEPLOYED.issuer(),
                        DEPLOYED.jwtKeyLocation(),
                        DEPLOYED.checkpointKeyFile(),
                        false,
                        false,
                        false)))
                .singleElement()
                .asString()
                .contains("H2");
        assertThat(problems(new Settings(
                        DEPLOYED.issuer(), DEPLOYED.jwtKeyLocation(), DEPLOYED.checkpointKeyFile(), true, true, false)))
                .singleElement()
                .asString()
                .contains("superuser");
    }

    @Test
    void a_login_that_can_act_as_the_schema_owner_is_refused() {
        assertThat(problems(new Settings(
                        DEPLOYED.issuer(), DEPLOYED.jwtKeyLocation(), DEPLOYED.checkpointKeyFile(), true, false, true)))
                .singleElement()
                .asString()
                .contains("owner");
    }

    private static java.util.List<String> problems(Settings s) {
        return ProductionSettingsCheck.problems(s);
    }
}
