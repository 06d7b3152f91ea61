package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.FxRateView;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.query.read.LedgerReads;
import dev.dealledger.query.read.MalformedRead;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The exchange rate in force at (asOf, knownAt) and the fact behind it (docs/domain.md, "Reporting currency"). */
@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/fx-rates/{baseCurrency}/{quoteCurrency}")
@Produces(MediaType.APPLICATION_JSON)
public class FxRateReadResource {

    @Inject
    ReadParams params;

    @Inject
    LedgerReads reads;

    @GET
    public FxRateView rate(
            @PathParam("baseCurrency") String baseCurrency,
            @PathParam("quoteCurrency") String quoteCurrency,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        currency("baseCurrency", baseCurrency);
        currency("quoteCurrency", quoteCurrency);
        if (baseCurrency.equals(quoteCurrency)) {
            throw new MalformedRead(
                    "quoteCurrency", "a rate converts one currency to another, not " + baseCurrency + " to itself");
        }
        return reads.fxRate(baseCurrency, quoteCurrency, params.asOf(asOf), params.knownAt(knownAt, minPosition));
    }

    private static void currency(String field, String value) {
        if (!Currencies.isValid(value)) {
            throw new MalformedRead(field, field + " must be an ISO 4217 currency with a minor unit, like USD");
        }
    }
}
