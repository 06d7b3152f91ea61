package dev.dealledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The console's PKCE challenge and flow cookie, without a provider (OidcCodeFlow). */
class ChallengingWithPkceTest {

    @Test
    @DisplayName("the S256 challenge of RFC 7636's example verifier is the RFC's")
    void rfc_7636_appendix_b() {
        assertThat(OidcCodeFlow.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    @DisplayName("a flow cookie is read back only in the form the console writes it")
    void flow_cookie() {
        assertThat(OidcCodeFlow.parse("state.verifier"))
                .hasValueSatisfying(p -> assertThat(p).containsExactly("state", "verifier"));
        assertThat(OidcCodeFlow.parse(null)).isEmpty();
        assertThat(OidcCodeFlow.parse("no-dot")).isEmpty();
        assertThat(OidcCodeFlow.parse(".verifier")).isEmpty();
        assertThat(OidcCodeFlow.parse("a.b.c")).isEmpty();
    }

    @Test
    @DisplayName("the state comes back only as it was sent")
    void state() {
        assertThat(OidcCodeFlow.sameState("abc", "abc")).isTrue();
        assertThat(OidcCodeFlow.sameState("abc", "abd")).isFalse();
        assertThat(OidcCodeFlow.sameState("abc", null)).isFalse();
    }
}
