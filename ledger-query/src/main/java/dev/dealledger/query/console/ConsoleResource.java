package dev.dealledger.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CheckpointView;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DealHistoryView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.HistoryFactView;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.model.schedule.InstallmentSchedule;
import dev.dealledger.query.console.Frame.Field;
import dev.dealledger.query.console.Frame.NavLink;
import dev.dealledger.query.console.Pages.AdjustmentRow;
import dev.dealledger.query.console.Pages.Amount;
import dev.dealledger.query.console.Pages.BarChart;
import dev.dealledger.query.console.Pages.BridgeRow;
import dev.dealledger.query.console.Pages.CauseLink;
import dev.dealledger.query.console.Pages.CauseRow;
import dev.dealledger.query.console.Pages.ChangeRow;
import dev.dealledger.query.console.Pages.CheckpointRow;
import dev.dealledger.query.console.Pages.ClosedPeriodRow;
import dev.dealledger.query.console.Pages.Column;
import dev.dealledger.query.console.Pages.CommitmentRow;
import dev.dealledger.query.console.Pages.CounterpartyPage;
import dev.dealledger.query.console.Pages.DealCheck;
import dev.dealledger.query.console.Pages.DealPage;
import dev.dealledger.query.console.Pages.DealRow;
import dev.dealledger.query.console.Pages.DealsPaging;
import dev.dealledger.query.console.Pages.DisclosureRow;
import dev.dealledger.query.console.Pages.EffectRow;
import dev.dealledger.query.console.Pages.ExposurePage;
import dev.dealledger.query.console.Pages.ExposureRow;
import dev.dealledger.query.console.Pages.HistoryRow;
import dev.dealledger.query.console.Pages.MessagePage;
import dev.dealledger.query.console.Pages.MonthRow;
import dev.dealledger.query.console.Pages.OptionRow;
import dev.dealledger.query.console.Pages.PassRow;
import dev.dealledger.query.console.Pages.PeriodFigureRow;
import dev.dealledger.query.console.Pages.PeriodPage;
import dev.dealledger.query.console.Pages.PeriodsPage;
import dev.dealledger.query.console.Pages.RestatementPage;
import dev.dealledger.query.console.Pages.TotalsRow;
import dev.dealledger.query.console.Pages.VerificationPage;
import dev.dealledger.query.console.Pages.YearRow;
import dev.dealledger.query.processing.ProjectionProgress;
import dev.dealledger.query.read.DealOutlines;
import dev.dealledger.query.read.Disclosures;
import dev.dealledger.query.read.MalformedRead;
import dev.dealledger.query.read.NotRecorded;
import dev.dealledger.query.read.PeriodReads;
import dev.dealledger.query.read.RestatementTooLarge;
import dev.dealledger.query.web.CheckpointReadResource;
import dev.dealledger.query.web.CounterpartyReadResource;
import dev.dealledger.query.web.DealReadResource;
import dev.dealledger.query.web.DealVerificationResource;
import dev.dealledger.query.web.DisclosureResource;
import dev.dealledger.query.web.ExposureResource;
import dev.dealledger.query.web.NotCaughtUpException;
import dev.dealledger.query.web.PeriodReadResource;
import dev.dealledger.query.web.ReadParams;
import dev.dealledger.query.web.RestatementResource;
import dev.dealledger.query.web.VerificationResource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The auditor's console (docs/adr/0006): HTML views of the same reads the API answers, at any (asOf, knownAt), each
 * with a reproducible link. Every view calls the API's own resource methods, so its numbers, its refusals of bad input
 * and its downloads are the API's; this class only arranges them for people.
 *
 * <p>Access is the API's: the auditor role, checked here before any read so that a caller without it gets a page
 * that says so (the resources check it again). Anyone may reach the sign-in page.
 */
@Path("/console")
@PermitAll
public class ConsoleResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    /** The console serves every asset itself: no other origin, no inline script or style. */
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    /** One page of a paged read, as large as the API allows, so that a view is one read. */
    private static final String PAGE = Integer.toString(ReadParams.MAX_LIMIT);

    private static final Set<String> MONEY_FIELDS =
            Set.of("committed", "elapsed", "remaining", "potential", "exposure");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance exposure(ExposurePage page);

        static native TemplateInstance counterparty(CounterpartyPage page);

        static native TemplateInstance deal(DealPage page);

        static native TemplateInstance restatement(RestatementPage page);

        static native TemplateInstance verification(VerificationPage page);

        static native TemplateInstance periods(PeriodsPage page);

        static native TemplateInstance period(PeriodPage page);

        static native TemplateInstance message(MessagePage page);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    IdentityProviderManager identities;

    @Inject
    CurrentVertxRequest request;

    @Inject
    ReadParams params;

    @Inject
    ProjectionProgress progress;

    @Inject
    ExposureResource exposure;

    @Inject
    CounterpartyReadResource counterparties;

    @Inject
    DealReadResource deals;

    @Inject
    RestatementResource restatements;

    @Inject
    VerificationResource verification;

    @Inject
    CheckpointReadResource checkpoints;

    @Inject
    DealVerificationResource dealVerification;

    @Inject
    DealOutlines outlines;

    @Inject
    DisclosureResource disclosureReads;

    @Inject
    Disclosures disclosures;

    @Inject
    PeriodReadResource periodReads;

    @Inject
    PeriodReads closes;

    @Inject
    OidcCodeFlow oidc;

    @ConfigProperty(name = "ledger.console.secure-cookie", defaultValue = "false")
    boolean secureCookie;

    @Context
    UriInfo uri;

    // ---- Views ----------------------------------------------------------------------------------------------

    @GET
    public Response root() {
        return seeOther("/console/exposure");
    }

    @GET
    @Path("exposure")
    @Produces(MediaType.TEXT_HTML)
    public Response exposure(
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("currency") String currency,
            @QueryParam("direction") String direction,
            @QueryParam("sort") String sort,
            @QueryParam("order") String order,
            @QueryParam("cursor") String cursor) {
        String user = auditor();
        if (missing(asOf) || missing(knownAt)) {
            return canonical(asOf, knownAt);
        }
        Point at = point(asOf, knownAt);
        ExposureView view = exposure.json(at.asOf(), at.knownAt(), direction, currency, cursor, PAGE, null);
        String sortKey = sort != null && EXPOSURE_SORTS.containsKey(sort) ? sort : null;
        boolean descending = "desc".equals(order);
        List<ExposureRowView> sorted = new ArrayList<>(view.rows());
        if (sortKey != null) {
            Comparator<ExposureRowView> by = EXPOSURE_SORTS.get(sortKey);
            sorted.sort(descending ? by.reversed() : by);
        }
        List<ExposureRow> rows = new ArrayList<>();
        for (ExposureRowView r : sorted) {
            String c = r.currency();
            rows.add(new ExposureRow(
                    r.counterpartyId(),
                    r.legalName() == null ? "" : r.legalName(),
                    counterpartyLink(r.counterpartyId(), at),
                    c,
                    r.direction().name(),
                    Amount.of(r.committed(), c),
                    Amount.of(r.elapsed(), c),
                    Amount.of(r.remaining(), c),
                    Amount.of(r.potential(), c),
                    Amount.of(r.exposure(), c),
                    r.concentration(),
                    r.deals(),
                    r.commitments(),
                    r.optionsOpen(),
                    r.optionsExercised(),
                    r.amendments()));
        }
        Function<Link, Link> state = l -> l.with("asOf", at.asOf())
                .with("knownAt", at.knownAt())
                .with("currency", currency)
                .with("direction", direction)
                .with("cursor", cursor);
        List<Column> columns = new ArrayList<>();
        for (String[] column : EXPOSURE_COLUMNS) {
            String key = column[0];
            boolean numeric = column[2].equals("n");
            boolean current = key.equals(sortKey);
            String nextOrder = current ? (descending ? "asc" : "desc") : (numeric ? "desc" : "asc");
            columns.add(new Column(
                    key,
                    column[1],
                    numeric,
                    EXPOSURE_SORTS.containsKey(key)
                            ? state.apply(Link.to("/console/exposure"))
                                    .with("sort", key)
                                    .with("order", nextOrder)
                                    .toString()
                            : null,
                    current ? (descending ? "descending" : "ascending") : "none"));
        }
        Map<String, List<Charts.Value>> markets = new LinkedHashMap<>();
        for (ExposureRow r : rows) {
            markets.computeIfAbsent(r.currency() + " " + r.direction(), k -> new ArrayList<>())
                    .add(new Charts.Value(
                            r.counterpartyId(),
                            r.concentration(),
                            r.counterpartyId() + ": " + r.concentration() + " of the market's remaining ("
                                    + r.remaining().text() + ")",
                            r.href(),
                            "share"));
        }
        List<BarChart> charts = new ArrayList<>();
        markets.forEach((market, values) -> charts.add(Charts.shares(
                "concentration-" + market.replace(' ', '-'),
                "Concentration, " + market,
                "Each counterparty's remaining obligation as a share of the remaining of every counterparty in "
                        + market + ".",
                values)));
        Link self =
                state.apply(Link.to("/console/exposure")).with("sort", sortKey).with("order", order);
        Frame frame = frame(
                "Exposure per counterparty",
                "exposure",
                user,
                at,
                "/console/exposure",
                keep("currency", currency, "direction", direction, "sort", sortKey, "order", order),
                self.toString(),
                Link.to("/console/exposure")
                        .with("asOf", at.asOf())
                        .with("currency", currency)
                        .with("direction", direction)
                        .with("sort", sortKey)
                        .with("order", order)
                        .toString());
        String csv = Link.to("/console/exposure.csv")
                .with("asOf", at.asOf())
                .with("knownAt", at.knownAt())
                .with("direction", direction)
                .with("currency", currency)
                .with("cursor", cursor)
                .with("limit", PAGE)
                .toString();
        String next = view.nextCursor() == null
                ? null
                : Link.to("/console/exposure")
                        .with("asOf", at.asOf())
                        .with("knownAt", at.knownAt())
                        .with("currency", currency)
                        .with("direction", direction)
                        .with("cursor", view.nextCursor())
                        .toString();
        return page(Templates.exposure(new ExposurePage(
                frame,
                currency == null ? "" : currency,
                direction == null ? "" : direction,
                sortKey,
                order,
                columns,
                rows,
                csv,
                next,
                charts)));
    }

    /** The exposure CSV exactly as the API serves it for the same parameters. */
    @GET
    @Path("exposure.csv")
    @Produces("text/csv")
    public Response exposureCsv(
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("direction") String direction,
            @QueryParam("currency") String currency,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        auditor();
        Response api = exposure.csv(asOf, knownAt, direction, currency, null, cursor, limit, null);
        return download(api, "exposure-" + api.getHeaderString("X-Ledger-As-Of") + ".csv");
    }

    @GET
    @Path("counterparties/{counterpartyId}")
    @Produces(MediaType.TEXT_HTML)
    public Response counterparty(
            @PathParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("dealsFrom") String dealsFrom) {
        String user = auditor();
        if (missing(asOf) || missing(knownAt)) {
            return canonical(asOf, knownAt);
        }
        Point at = point(asOf, knownAt);
        int firstDeal = dealsFrom(dealsFrom);
        CounterpartyTotalsView totals = counterparties.totals(counterpartyId, at.asOf(), at.knownAt(), null);
        // The remaining by year and each direction's disclosure, as the API answers them, from one pass over the facts.
        Disclosures.CounterpartyObligations obligations = disclosures.ofCounterparty(
                counterpartyId, at.date(), at.instant(), disclosureReads.defaultFiscalYearEnd());
        ScheduleView schedule = obligations.schedule();
        DealOutlines.DealPage dealPage =
                outlines.dealsOf(counterpartyId, at.date(), at.instant(), firstDeal, DEALS_PER_PAGE);
        List<DealOutlines.DealSummary> known = dealPage.deals();
        List<TotalsRow> rows = new ArrayList<>();
        for (TotalsRowView r : totals.totals()) {
            String c = r.currency();
            rows.add(new TotalsRow(
                    c,
                    r.direction().name(),
                    Amount.of(r.committed(), c),
                    Amount.of(r.elapsed(), c),
                    Amount.of(r.remaining(), c),
                    Amount.of(r.potential(), c),
                    Amount.of(r.exposure(), c),
                    r.concentration(),
                    r.deals(),
                    r.commitments(),
                    r.optionsOpen(),
                    r.optionsExercised(),
                    r.amendments(),
                    "#deals-" + c + "-" + r.direction().name()));
        }
        List<YearRow> years = new ArrayList<>();
        Map<String, List<Charts.Value>> byMarket = new LinkedHashMap<>();
        for (ScheduleView.Row r : schedule.rows()) {
            Amount remaining = Amount.of(r.remaining(), r.currency());
            years.add(new YearRow(r.currency(), r.direction().name(), r.year(), remaining));
            byMarket.computeIfAbsent(r.currency() + " " + r.direction().name(), k -> new ArrayList<>())
                    .add(new Charts.Value(
                            Integer.toString(r.year()),
                            r.remaining(),
                            r.year() + ": " + remaining.text(),
                            "#deals-" + r.currency() + "-" + r.direction().name(),
                            "remaining"));
        }
        List<BarChart> charts = new ArrayList<>();
        byMarket.forEach((market, values) -> charts.add(Charts.columns(
                "by-year-" + market.replace(' ', '-'),
                "Remaining obligation by year, " + market,
                "The remaining obligation falling due in each calendar year after asOf.",
                values,
                36)));
        List<DealRow> dealRows = new ArrayList<>();
        for (DealOutlines.DealSummary d : known) {
            Link deal = dealLink(d.dealId(), at);
            dealRows.add(new DealRow(
                    d.dealId(),
                    d.title(),
                    d.direction().name(),
                    d.currency(),
                    d.signedOn().toString(),
                    d.recordedAt().toString(),
                    d.signedByAsOf(),
                    deal.toString(),
                    dealLink(d.dealId(), at)
                            .with("history", "asOf")
                            .fragment("history")
                            .toString(),
                    d.currency() + "-" + d.direction().name()));
        }
        String path = "/console/counterparties/" + Link.segment(counterpartyId);
        DealsPaging dealsPaging = dealsPaging(dealPage, known.size(), path, at);
        // The disclosure of each direction the counterparty has, under the configured fiscal year end.
        List<DisclosureRow> disclosed = new ArrayList<>();
        String fiscalYearEnd = null;
        List<String> fiscalYearHeaders = List.of();
        for (String direction : totals.totals().stream()
                .map(r -> r.direction().name())
                .distinct()
                .sorted()
                .toList()) {
            DisclosureView d = obligations.disclosures().get(Direction.valueOf(direction));
            fiscalYearEnd = d.fiscalYearEnd();
            for (DisclosureView.Row r : d.rows()) {
                String c = r.currency();
                fiscalYearHeaders =
                        r.fiscalYears().stream().map(y -> "FY" + y.fiscalYear()).toList();
                DisclosureView.Bands b = r.bands();
                disclosed.add(new DisclosureRow(
                        c,
                        direction,
                        r.fiscalYears().stream()
                                .map(y -> Amount.of(y.amount(), c))
                                .toList(),
                        Amount.of(r.thereafter(), c),
                        Amount.of(b.withinOneYear(), c),
                        Amount.of(b.oneToThreeYears(), c),
                        Amount.of(b.threeToFiveYears(), c),
                        Amount.of(b.afterFiveYears(), c),
                        Amount.of(r.total(), c),
                        Link.to(path + "/disclosures.csv")
                                .with("direction", direction)
                                .with("asOf", at.asOf())
                                .with("knownAt", at.knownAt())
                                .toString()));
            }
        }
        Frame frame = frame(
                counterpartyId,
                "counterparty",
                user,
                at,
                path,
                List.of(),
                counterpartyLink(counterpartyId, at),
                Link.to(path).with("asOf", at.asOf()).toString());
        return page(Templates.counterparty(new CounterpartyPage(
                frame,
                counterpartyId,
                totals.legalName() == null ? "" : totals.legalName(),
                rows,
                charts,
                years,
                dealRows,
                dealsPaging,
                Link.to(path + "/totals.json")
                        .with("asOf", at.asOf())
                        .with("knownAt", at.knownAt())
                        .toString(),
                Link.to(path + "/schedule.json")
                        .with("asOf", at.asOf())
                        .with("knownAt", at.knownAt())
                        .toString(),
                Link.to("/console/exposure.csv")
                        .with("asOf", at.asOf())
                        .with("knownAt", at.knownAt())
                        .with("limit", PAGE)
                        .toString(),
                fiscalYearEnd == null ? "" : fiscalYearEnd,
                fiscalYearHeaders,
                disclosed)));
    }

    /** The API's disclosure CSV of one counterparty and direction. */
    @GET
    @Path("counterparties/{counterpartyId}/disclosures.csv")
    @Produces("text/csv")
    public Response disclosuresCsv(
            @PathParam("counterpartyId") String counterpartyId,
            @QueryParam("direction") String direction,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt) {
        auditor();
        return download(
                disclosureReads.csv(direction, counterpartyId, null, null, null, asOf, knownAt, null),
                counterpartyId + "-disclosure-" + direction + ".csv");
    }

    @GET
    @Path("counterparties/{counterpartyId}/totals.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response totalsJson(
            @PathParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt) {
        auditor();
        return json(counterparties.totals(counterpartyId, asOf, knownAt, null), counterpartyId + "-totals.json");
    }

    @GET
    @Path("counterparties/{counterpartyId}/schedule.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response scheduleJson(
            @PathParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt) {
        auditor();
        return json(counterparties.schedule(counterpartyId, asOf, knownAt, null), counterpartyId + "-schedule.json");
    }

    @GET
    @Path("deals/{dealId}")
    @Produces(MediaType.TEXT_HTML)
    public Response deal(
            @PathParam("dealId") String dealId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("history") String historyScope,
            @QueryParam("subject") String subject,
            @QueryParam("cursor") String cursor) {
        String user = auditor();
        if (missing(asOf) || missing(knownAt)) {
            return canonical(asOf, knownAt);
        }
        Point at = point(asOf, knownAt);
        boolean upToAsOf = "asOf".equals(historyScope);
        DealView view = deals.deal(dealId, at.asOf(), at.knownAt(), null);
        DealHistoryView history = deals.history(dealId, upToAsOf ? at.asOf() : null, at.knownAt(), cursor, PAGE, null);
        Map<String, DealOutlines.Installments> installments = new LinkedHashMap<>();
        outlines.installments(dealId, at.date(), at.instant()).forEach(i -> installments.put(i.commitmentId(), i));
        String c = view.currency();
        int scale = Currencies.minorDigits(Currencies.parse(c));

        List<CommitmentRow> commitments = new ArrayList<>();
        for (DealView.Commitment k : view.commitments()) {
            List<MonthRow> months = new ArrayList<>();
            List<Charts.Value> bars = new ArrayList<>();
            DealOutlines.Installments due = installments.get(k.commitmentId());
            for (InstallmentSchedule.Installment i :
                    due == null ? List.<InstallmentSchedule.Installment>of() : due.due()) {
                String amount = Display.ofMinor(i.amountMinor(), scale);
                boolean fallen = !i.dueOn().isAfter(at.date());
                Amount shown = Amount.of(amount, c);
                months.add(new MonthRow(i.dueOn().toString(), shown, fallen));
                bars.add(new Charts.Value(
                        i.dueOn().toString(),
                        amount,
                        i.dueOn() + ": " + shown.text() + (fallen ? " (fallen due)" : " (remaining)"),
                        null,
                        fallen ? "elapsed" : "remaining"));
            }
            int barWidth = bars.isEmpty() ? 8 : Math.max(3, Math.min(14, 640 / bars.size()));
            commitments.add(new CommitmentRow(
                    k.commitmentId(),
                    k.resource(),
                    text(k.termStart()),
                    text(k.termEnd()),
                    text(k.effectiveDate()),
                    Amount.of(k.committed(), c),
                    Amount.of(k.elapsed(), c),
                    Amount.of(k.remaining(), c),
                    k.amendments(),
                    text(k.terminatedOn()),
                    k.fromOptionId() == null ? "" : k.fromOptionId(),
                    dealLink(dealId, at)
                            .with("history", "asOf")
                            .with("subject", k.commitmentId())
                            .fragment("history")
                            .toString(),
                    Charts.columns(
                            "months-" + k.commitmentId(),
                            "Installments of " + k.commitmentId() + " month by month",
                            "Each installment of the schedule in force at asOf, by due date; fallen due on or before"
                                    + " asOf, or remaining.",
                            bars,
                            barWidth),
                    months));
        }
        List<OptionRow> options = new ArrayList<>();
        for (DealView.Option o : view.options()) {
            options.add(new OptionRow(
                    o.optionId(),
                    Amount.of(o.maxAmount(), c),
                    text(o.exercisableFrom()),
                    text(o.expiresOn()),
                    text(o.effectiveDate()),
                    o.status().name(),
                    Amount.of(o.potential(), c),
                    o.exercisedAs() == null ? "" : o.exercisedAs(),
                    dealLink(dealId, at)
                            .with("history", "asOf")
                            .with("subject", o.optionId())
                            .fragment("history")
                            .toString(),
                    Charts.window(
                            "window-" + o.optionId(),
                            "Exercise window of " + o.optionId() + " by month",
                            o.effectiveDate(),
                            o.exercisableFrom(),
                            o.expiresOn(),
                            at.date())));
        }

        List<HistoryRow> facts = new ArrayList<>();
        List<String> anchors = new ArrayList<>();
        for (HistoryFactView f : history.facts()) {
            JsonNode payload = f.payload();
            String commitmentId =
                    payload == null ? null : payload.path("commitmentId").asText(null);
            String optionId = payload == null ? null : payload.path("optionId").asText(null);
            if (subject != null && !subject.isBlank() && !subject.equals(commitmentId) && !subject.equals(optionId)) {
                continue;
            }
            LocalDate recordedOn = LocalDate.ofInstant(f.recordedAt(), ZoneOffset.UTC);
            boolean correction =
                    f.eventType().contains("Amended") || f.eventType().contains("Terminated");
            facts.add(new HistoryRow(
                    f.position(),
                    "fact-" + f.position(),
                    f.eventType(),
                    commitmentId != null ? commitmentId : optionId != null ? optionId : "",
                    f.effectiveDate().toString(),
                    f.recordedAt().toString(),
                    f.actor() == null ? "" : f.actor(),
                    f.reason() == null ? "" : f.reason(),
                    f.sourceReference() == null ? "" : f.sourceReference(),
                    payload == null ? "" : payload.toString(),
                    // A correction effective before the day it was recorded (docs/domain.md, "Restatements and
                    // their causes"); a deal or commitment is always recorded after it was signed, so only
                    // amendments and terminations are marked.
                    correction && f.effectiveDate().isBefore(recordedOn),
                    f.eventType().contains("Amended"),
                    f.effectiveDate().isAfter(at.date()),
                    Link.to("/console/restatements")
                            .with("counterpartyId", view.counterpartyId())
                            .with("asOf", at.asOf())
                            .with("from", f.recordedAt().minus(1, ChronoUnit.MICROS))
                            .with("to", f.recordedAt())
                            .toString()));
            anchors.add("#fact-" + f.position());
        }
        String path = "/console/deals/" + Link.segment(dealId);
        String next = history.nextCursor() == null
                ? null
                : dealLink(dealId, at)
                        .with("history", historyScope)
                        .with("subject", subject)
                        .with("cursor", history.nextCursor())
                        .fragment("history")
                        .toString();
        Frame frame = frame(
                view.title() + " (" + dealId + ")",
                "deal",
                user,
                at,
                path,
                keep("history", historyScope, "subject", subject),
                dealLink(dealId, at)
                        .with("history", historyScope)
                        .with("subject", subject)
                        .with("cursor", cursor)
                        .toString(),
                Link.to(path)
                        .with("asOf", at.asOf())
                        .with("history", historyScope)
                        .with("subject", subject)
                        .toString());
        return page(Templates.deal(new DealPage(
                frame,
                dealId,
                view.title(),
                view.counterpartyId(),
                counterpartyLink(view.counterpartyId(), at),
                view.agreementId(),
                view.direction().name(),
                c,
                text(view.signedOn()),
                view.sourceReference() == null ? "" : view.sourceReference(),
                commitments,
                options,
                upToAsOf ? "asOf" : "",
                subject == null ? "" : subject,
                dealLink(dealId, at).fragment("history").toString(),
                facts,
                next,
                Charts.bitemporal(facts, at.date(), at.instant(), anchors),
                Link.to(path + "/history.csv")
                        .with("asOf", upToAsOf ? at.asOf() : null)
                        .with("knownAt", at.knownAt())
                        .with("cursor", cursor)
                        .with("limit", PAGE)
                        .toString(),
                Link.to(path + "/deal.json")
                        .with("asOf", at.asOf())
                        .with("knownAt", at.knownAt())
                        .toString(),
                Link.to("/console/verification").with("dealId", dealId).toString())));
    }

    /** The deal's history CSV exactly as the API serves it for the same parameters. */
    @GET
    @Path("deals/{dealId}/history.csv")
    @Produces("text/csv")
    public Response historyCsv(
            @PathParam("dealId") String dealId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        auditor();
        return download(deals.historyCsv(dealId, asOf, knownAt, cursor, limit, null), dealId + "-history.csv");
    }

    @GET
    @Path("deals/{dealId}/deal.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response dealJson(
            @PathParam("dealId") String dealId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt) {
        auditor();
        return json(deals.deal(dealId, asOf, knownAt, null), dealId + ".json");
    }

    @GET
    @Path("restatements")
    @Produces(MediaType.TEXT_HTML)
    public Response restatement(
            @QueryParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        String user = auditor();
        boolean asked = !missing(counterpartyId) && !missing(from);
        if (asked && (missing(asOf) || missing(to))) {
            String location = Link.to("/console/restatements")
                    .with("counterpartyId", counterpartyId)
                    .with("asOf", missing(asOf) ? params.asOf(null) : ReadParams.date("asOf", asOf))
                    .with("from", from)
                    .with("to", missing(to) ? settledNow() : ReadParams.instant("to", to))
                    .toString();
            return seeOther(location);
        }
        String shownAsOf = missing(asOf)
                ? params.asOf(null).toString()
                : ReadParams.date("asOf", asOf).toString();
        List<ChangeRow> changes = new ArrayList<>();
        List<CauseRow> causes = new ArrayList<>();
        String jsonHref = null;
        String knownAt = null;
        if (asked) {
            RestatementView view = restatements.restatement(counterpartyId, shownAsOf, from, to, null, null);
            knownAt = view.to().toString();
            Point at = new Point(view.asOf().toString(), view.to().toString(), view.asOf(), view.to());
            for (RestatementView.Change ch : view.changes()) {
                boolean money = MONEY_FIELDS.contains(ch.field());
                List<CauseLink> links = ch.causes().stream()
                        .map(p -> new CauseLink(p, "#cause-" + p))
                        .toList();
                List<BridgeRow> bridge = ch.bridge().stream()
                        .map(b -> new BridgeRow(
                                b.kind(),
                                money ? Display.money(b.effect(), ch.currency()) : Display.grouped(b.effect())))
                        .toList();
                changes.add(new ChangeRow(
                        ch.currency(),
                        ch.direction().name(),
                        ch.field(),
                        money ? Display.money(ch.before(), ch.currency()) : Display.grouped(ch.before()),
                        money ? Display.money(ch.after(), ch.currency()) : Display.grouped(ch.after()),
                        money
                                ? Display.difference(ch.before(), ch.after()) + " " + ch.currency()
                                : Display.difference(ch.before(), ch.after()),
                        links,
                        bridge));
            }
            for (RestatementView.Cause cause : view.causes()) {
                causes.add(new CauseRow(
                        cause.position(),
                        "cause-" + cause.position(),
                        cause.kind(),
                        cause.counterpartyId(),
                        cause.dealId() == null ? "" : cause.dealId(),
                        cause.eventType(),
                        text(cause.effectiveDate()),
                        text(cause.recordedAt()),
                        cause.actor() == null ? "" : cause.actor(),
                        cause.reason() == null ? "" : cause.reason(),
                        cause.dealId() == null
                                ? null
                                : dealLink(cause.dealId(), at)
                                        .fragment("fact-" + cause.position())
                                        .toString()));
            }
            jsonHref = Link.to("/console/restatements.json")
                    .with("counterpartyId", counterpartyId)
                    .with("asOf", shownAsOf)
                    .with("from", from)
                    .with("to", to)
                    .toString();
        }
        String self = Link.to("/console/restatements")
                .with("counterpartyId", counterpartyId)
                .with("asOf", shownAsOf)
                .with("from", from)
                .with("to", to)
                .toString();
        Frame frame = new Frame(
                "Restatement" + (asked ? " of " + counterpartyId : ""),
                "restatement",
                user,
                null,
                knownAt,
                "/console/restatements",
                List.of(),
                self,
                self,
                nav("restatement", shownAsOf, knownAt));
        return page(Templates.restatement(new RestatementPage(
                frame,
                counterpartyId == null ? "" : counterpartyId,
                shownAsOf,
                from == null ? "" : from,
                to == null ? "" : to,
                asked,
                changes,
                causes,
                jsonHref)));
    }

    @GET
    @Path("restatements.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response restatementJson(
            @QueryParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        auditor();
        return json(restatements.restatement(counterpartyId, asOf, from, to, null, null), "restatement.json");
    }

    @GET
    @Path("periods")
    @Produces(MediaType.TEXT_HTML)
    public Response periods(@QueryParam("knownAt") String knownAt) {
        String user = auditor();
        if (missing(knownAt)) {
            return seeOther(
                    Link.to("/console/periods").with("knownAt", settledNow()).toString());
        }
        Instant known = ReadParams.instant("knownAt", knownAt);
        List<ClosedPeriodRow> rows = closes.closes(known).stream()
                .map(c -> new ClosedPeriodRow(
                        c.periodEnd().toString(),
                        c.closedAt().toString(),
                        c.position(),
                        text(c.actor()),
                        text(c.reason()),
                        periodLink(c.periodEnd(), known)))
                .toList();
        String self = Link.to("/console/periods").with("knownAt", known).toString();
        Frame frame = new Frame(
                "Closed periods",
                "periods",
                user,
                null,
                known.toString(),
                "/console/periods",
                List.of(),
                self,
                "/console/periods",
                nav("periods", null, known.toString()));
        return page(Templates.periods(new PeriodsPage(frame, known.toString(), rows)));
    }

    /**
     * A closed period as reported beside as restated at knownAt, with every post-close adjustment and its effects
     * (docs/domain.md, "Period close"). Each side's figures link to the counterparty at the period end as known at the
     * close and at knownAt, and each adjustment to its fact in its deal's history.
     */
    @GET
    @Path("periods/{periodEnd}")
    @Produces(MediaType.TEXT_HTML)
    public Response period(@PathParam("periodEnd") String periodEnd, @QueryParam("knownAt") String knownAt) {
        String user = auditor();
        LocalDate end = ReadParams.date("periodEnd", periodEnd);
        if (missing(knownAt)) {
            return seeOther(periodLink(end, settledNow()));
        }
        Instant known = ReadParams.instant("knownAt", knownAt);
        PeriodView view = periodReads.period(end.toString(), known.toString(), null);
        Point reported = new Point(end.toString(), view.closedAt().toString(), end, view.closedAt());
        Point restated = new Point(end.toString(), view.knownAt().toString(), end, view.knownAt());
        Map<PeriodRowKey, PeriodView.Row> now = new LinkedHashMap<>();
        view.asRestated().forEach(r -> now.put(PeriodRowKey.of(r), r));
        Map<PeriodRowKey, PeriodView.Row> then = new LinkedHashMap<>();
        view.asReported().forEach(r -> then.put(PeriodRowKey.of(r), r));
        java.util.Set<PeriodRowKey> keys = new java.util.LinkedHashSet<>(then.keySet());
        keys.addAll(now.keySet());
        List<PeriodFigureRow> rows = new ArrayList<>();
        for (PeriodRowKey key : keys) {
            PeriodView.Row a = then.get(key);
            PeriodView.Row b = now.get(key);
            String c = key.currency();
            rows.add(new PeriodFigureRow(
                    key.counterpartyId(),
                    c,
                    key.direction(),
                    a == null ? Amount.of("0", c) : Amount.of(a.committed(), c),
                    b == null ? Amount.of("0", c) : Amount.of(b.committed(), c),
                    a == null ? Amount.of("0", c) : Amount.of(a.remaining(), c),
                    b == null ? Amount.of("0", c) : Amount.of(b.remaining(), c),
                    a == null ? Amount.of("0", c) : Amount.of(a.exposure(), c),
                    b == null ? Amount.of("0", c) : Amount.of(b.exposure(), c),
                    a == null ? "" : a.concentration(),
                    b == null ? "" : b.concentration(),
                    !java.util.Objects.equals(a, b),
                    counterpartyLink(key.counterpartyId(), reported),
                    counterpartyLink(key.counterpartyId(), restated)));
        }
        List<AdjustmentRow> adjustments = new ArrayList<>();
        for (PeriodView.Adjustment a : view.adjustments()) {
            adjustments.add(new AdjustmentRow(
                    a.position(),
                    a.kind(),
                    text(a.counterpartyId()),
                    text(a.dealId()),
                    a.eventType(),
                    text(a.effectiveDate()),
                    text(a.recordedAt()),
                    text(a.actor()),
                    text(a.reason()),
                    a.dealId() == null
                            ? null
                            : dealLink(a.dealId(), restated)
                                    .fragment("fact-" + a.position())
                                    .toString(),
                    a.effects().stream()
                            .map(e -> new EffectRow(
                                    e.counterpartyId(),
                                    e.currency(),
                                    e.direction().name(),
                                    e.field(),
                                    MONEY_FIELDS.contains(e.field())
                                            ? Display.money(e.effect(), e.currency())
                                            : Display.grouped(e.effect())))
                            .toList()));
        }
        String self = periodLink(end, known);
        Frame frame = new Frame(
                "Period ending " + end,
                "periods",
                user,
                null,
                view.knownAt().toString(),
                "/console/periods/" + end,
                List.of(),
                self,
                "/console/periods/" + end,
                nav("periods", end.toString(), view.knownAt().toString()));
        return page(Templates.period(new PeriodPage(
                frame,
                end.toString(),
                view.closedAt().toString(),
                view.position(),
                text(view.actor()),
                text(view.reason()),
                view.digest(),
                view.digestEncoding(),
                view.knownAt().toString(),
                rows,
                adjustments,
                view.adjustmentsOmitted(),
                Link.to("/console/periods/" + end + "/period.json")
                        .with("knownAt", view.knownAt())
                        .toString(),
                Link.to("/console/periods").with("knownAt", view.knownAt()).toString())));
    }

    /** A row of a closed period: one counterparty in one currency and direction. */
    private record PeriodRowKey(String counterpartyId, String currency, String direction) {
        static PeriodRowKey of(PeriodView.Row r) {
            return new PeriodRowKey(
                    r.counterpartyId(), r.currency(), r.direction().name());
        }
    }

    /** The API's answer of the period view, as JSON. */
    @GET
    @Path("periods/{periodEnd}/period.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response periodJson(@PathParam("periodEnd") String periodEnd, @QueryParam("knownAt") String knownAt) {
        auditor();
        return json(periodReads.period(periodEnd, knownAt, null), "period-" + periodEnd + ".json");
    }

    private static String periodLink(LocalDate periodEnd, Instant knownAt) {
        return Link.to("/console/periods/" + periodEnd).with("knownAt", knownAt).toString();
    }

    @GET
    @Path("verification")
    @Produces(MediaType.TEXT_HTML)
    public Response verification(@QueryParam("dealId") String dealId, @QueryParam("pass") String pass) {
        String user = auditor();
        boolean whole = wholePass(pass);
        VerificationResource.LedgerVerification v;
        VerificationResource.WholeLogPass under = null;
        if (whole) {
            v = verification.ledger();
        } else {
            VerificationResource.StandingVerification s = verification.standing();
            under = s.wholeLogPass();
            v = s.verdict();
        }
        CheckpointView latest = v.latestCheckpoint();
        DealCheck dealCheck = null;
        if (!missing(dealId)) {
            DealVerificationResource.DealVerification d = dealVerification.verify(dealId);
            dealCheck = new DealCheck(d.dealId(), d.ok(), d.eventsChecked(), d.firstBrokenPosition(), d.reason());
        }
        String self = Link.to("/console/verification")
                .with("dealId", dealId)
                .with("pass", whole ? "whole" : null)
                .toString();
        Frame frame = new Frame(
                "Verification",
                "verification",
                user,
                null,
                v.verifiedAt().toString(),
                "/console/verification",
                List.of(),
                self,
                self,
                nav("verification", null, null));
        return page(Templates.verification(new VerificationPage(
                frame,
                v.ok(),
                v.eventsChecked(),
                v.head(),
                v.logHash() == null ? "" : v.logHash(),
                v.firstBadPosition(),
                v.reason() == null ? "" : v.reason(),
                v.verifiedAt().toString(),
                latest == null
                        ? null
                        : new CheckpointRow(
                                latest.position(),
                                latest.firstPosition(),
                                latest.logHash(),
                                latest.signedAt(),
                                latest.keyId()),
                dealId == null ? "" : dealId,
                dealCheck,
                whole ? "/console/verification.json?pass=whole" : "/console/verification.json",
                latest == null ? null : "/console/checkpoint.json",
                under == null
                        ? null
                        : new PassRow(
                                under.startedAt().toString(),
                                under.finishedAt().toString(),
                                under.head(),
                                under.nextDue() == null ? null : under.nextDue().toString()),
                Link.to("/console/verification")
                        .with("dealId", dealId)
                        .with("pass", "whole")
                        .toString())));
    }

    /**
     * The verdict as JSON: the API's standing verdict, or with {@code pass=whole} the API's whole pass (docs/adr/0008).
     */
    @GET
    @Path("verification.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verificationJson(@QueryParam("pass") String pass) {
        auditor();
        return wholePass(pass)
                ? json(verification.ledger(), "verification.json")
                : json(verification.standing(), "verification.json");
    }

    /** Only {@code pass=whole} asks for a whole pass; anything else there is a mistyped link, and refused. */
    private static boolean wholePass(String pass) {
        if (missing(pass)) {
            return false;
        }
        if (!pass.equals("whole")) {
            throw new MalformedRead("pass", "pass is whole, or left out for the standing verdict");
        }
        return true;
    }

    /** The latest signed checkpoint, for the auditor to keep and verify against later. */
    @GET
    @Path("checkpoint.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpointJson() {
        auditor();
        return json(checkpoints.latest(), "checkpoint.json");
    }

    // ---- Signing in -----------------------------------------------------------------------------------------

    /**
     * With {@code token}: checks it exactly as a bearer token is checked and, for an auditor, keeps it in the console
     * cookie and moves on to a URL without it. Without: the sign-in page.
     */
    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@QueryParam("token") String token) {
        if (missing(token)) {
            return signInPage(200, null);
        }
        return exchange(token);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signInWithForm(@FormParam("token") String token) {
        if (missing(token)) {
            return signInPage(400, "Paste a token into the field to sign in.");
        }
        return exchange(token.trim());
    }

    /** The flow cookie of the identity provider's sign-in: state and code verifier, for one round trip. */
    static final String OIDC_FLOW_COOKIE = "ledger-console-oidc";

    private static final String OIDC_PATH = "/console/oidc";

    /**
     * Starts signing in through the identity provider (OpenID Connect code flow with PKCE, {@link OidcCodeFlow}): keeps
     * a fresh state and code verifier in a short-lived cookie and sends the browser to the provider.
     */
    @GET
    @Path("oidc/sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response oidcSignIn() {
        if (!oidc.enabled()) {
            return signInPage(404, "This console has no identity provider configured. Sign in with a token.");
        }
        OidcCodeFlow.Started started;
        try {
            started = oidc.start(oidc.redirectUri(uri.getBaseUri()));
        } catch (OidcCodeFlow.SignInFailed e) {
            return signInPage(502, "Signing in through the identity provider failed: " + e.getMessage() + ".");
        }
        return Response.fromResponse(seeOther(started.authorizationUrl().toString()))
                .cookie(oidcFlowCookie(started.cookieValue(), 600))
                .build();
    }

    /**
     * The provider's answer: the state must be the one this browser started with; the code and the verifier are then
     * exchanged for the provider's access token, which signs the browser in as a pasted token would.
     */
    @GET
    @Path("oidc/callback")
    @Produces(MediaType.TEXT_HTML)
    public Response oidcCallback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @QueryParam("error_description") String errorDescription,
            @CookieParam(OIDC_FLOW_COOKIE) String flow) {
        if (!oidc.enabled()) {
            return signInPage(404, "This console has no identity provider configured. Sign in with a token.");
        }
        Optional<String[]> started = OidcCodeFlow.parse(flow);
        if (started.isEmpty() || !OidcCodeFlow.sameState(started.get()[0], state)) {
            return withoutFlowCookie(signInPage(
                    400,
                    "That sign-in was not started in this browser, or it took too long. Start again with the"
                            + " identity provider."));
        }
        if (!missing(error) || missing(code)) {
            return withoutFlowCookie(signInPage(
                    401,
                    "The identity provider did not sign you in"
                            + (missing(error)
                                    ? "."
                                    : ": " + error + (missing(errorDescription) ? "" : " (" + errorDescription + ")")
                                            + ".")));
        }
        String token;
        try {
            token = oidc.exchange(code, started.get()[1], oidc.redirectUri(uri.getBaseUri()));
        } catch (OidcCodeFlow.SignInFailed e) {
            return withoutFlowCookie(
                    signInPage(502, "Signing in through the identity provider failed: " + e.getMessage() + "."));
        }
        return withoutFlowCookie(exchange(token));
    }

    private Response withoutFlowCookie(Response response) {
        return Response.fromResponse(response).cookie(oidcFlowCookie("", 0)).build();
    }

    /**
     * Lax, not Strict like the console's own cookie: the provider's redirect back is a navigation from another site,
     * and it must carry this cookie. It holds no credential, only what ties the answer to this browser.
     */
    private NewCookie oidcFlowCookie(String value, int maxAge) {
        return new NewCookie.Builder(OIDC_FLOW_COOKIE)
                .value(value)
                .path(OIDC_PATH)
                .httpOnly(true)
                .secure(secureCookie
                        || "https".equalsIgnoreCase(uri.getRequestUri().getScheme()))
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build();
    }

    @POST
    @Path("sign-out")
    @Produces(MediaType.TEXT_HTML)
    public Response signOut() {
        return html(200, message(200, "Signed out", "The console no longer holds your token in this browser.", true))
                .cookie(cookie("", 0))
                .build();
    }

    private Response exchange(String token) {
        SecurityIdentity who;
        try {
            who = identities.authenticateBlocking(HttpSecurityUtils.setRoutingContextAttribute(
                    new TokenAuthenticationRequest(new JsonWebTokenCredential(token)), request.getCurrent()));
        } catch (AuthenticationFailedException e) {
            return signInPage(
                    401,
                    "That token was refused: it has expired, is older than the ledger accepts, was not signed by the"
                            + " trusted issuer, or was minted for another service.");
        }
        if (!who.hasRole(Roles.AUDITOR)) {
            return refusal(who.getPrincipal().getName());
        }
        long now = Instant.now().getEpochSecond();
        long expires = who.getPrincipal() instanceof JsonWebToken jwt ? jwt.getExpirationTime() : now;
        // The cookie lives no longer than the token; the token is checked again on every request in any case.
        int maxAge = (int) Math.max(0, Math.min(Integer.MAX_VALUE, expires - now));
        String next = "/console/exposure";
        return html(
                        200,
                        message(
                                200,
                                "Signed in",
                                "Signed in as " + who.getPrincipal().getName() + ". Opening the console...",
                                false,
                                next))
                .header("Refresh", "0; url=" + next)
                .cookie(cookie(token, maxAge))
                .build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(ConsoleCookie.NAME)
                .value(value)
                .path(ConsoleCookie.PATH)
                .httpOnly(true)
                .secure(secureCookie
                        || "https".equalsIgnoreCase(uri.getRequestUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build();
    }

    // ---- Access, state and responses ------------------------------------------------------------------------

    /** The signed-in auditor's name; anyone else gets the sign-in page (401) or the refusal (403) instead. */
    private String auditor() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!identity.hasRole(Roles.AUDITOR)) {
            throw new ForbiddenException();
        }
        return identity.getPrincipal().getName();
    }

    /** The asOf and knownAt of a view: both given, parsed as the API parses them, and their canonical text. */
    private record Point(String asOf, String knownAt, LocalDate date, Instant instant) {}

    private static Point point(String asOf, String knownAt) {
        LocalDate date = ReadParams.date("asOf", asOf);
        Instant instant = ReadParams.instant("knownAt", knownAt);
        return new Point(date.toString(), instant.toString(), date, instant);
    }

    /**
     * The same view with asOf and knownAt filled in: today, and now resolved to an instant, so that the address bar
     * always holds a link that shows the same numbers later.
     */
    private Response canonical(String asOf, String knownAt) {
        LocalDate date = missing(asOf) ? params.asOf(null) : ReadParams.date("asOf", asOf);
        Instant instant = missing(knownAt) ? settledNow() : ReadParams.instant("knownAt", knownAt);
        Link link = Link.to(uri.getRequestUri().getRawPath()).with("asOf", date).with("knownAt", instant);
        String kept = keptQuery(uri.getRequestUri().getRawQuery());
        return seeOther(kept.isEmpty() ? link.toString() : link + "&" + kept);
    }

    /** The query without asOf and knownAt, as sent. */
    private static String keptQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String part : query.split("&")) {
            String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
            if (!name.equals("asOf") && !name.equals("knownAt") && !part.isEmpty()) {
                kept.add(part);
            }
        }
        return String.join("&", kept);
    }

    /**
     * The recorded instant of the log's head, once the read models hold it: a link taken now must show the same numbers
     * later, so it names settled knowledge, and it waits for what was recorded before the page was asked for.
     */
    private Instant settledNow() {
        long head = progress.headPosition();
        return head > 0 ? params.settledAt(head) : params.knownAt(null, null);
    }

    private Frame frame(
            String title,
            String view,
            String user,
            Point at,
            String action,
            List<Field> keep,
            String self,
            String now) {
        return new Frame(
                title,
                view,
                user,
                at.asOf(),
                at.knownAt(),
                action,
                keep,
                self,
                now,
                nav(view, at.asOf(), at.knownAt()));
    }

    private static List<NavLink> nav(String view, String asOf, String knownAt) {
        return List.of(
                new NavLink(
                        "Exposure",
                        Link.to("/console/exposure")
                                .with("asOf", asOf)
                                .with("knownAt", knownAt)
                                .toString(),
                        view.equals("exposure")),
                new NavLink(
                        "Restatement",
                        Link.to("/console/restatements").with("asOf", asOf).toString(),
                        view.equals("restatement")),
                new NavLink(
                        "Closed periods",
                        Link.to("/console/periods").with("knownAt", knownAt).toString(),
                        view.equals("periods")),
                new NavLink("Verification", "/console/verification", view.equals("verification")));
    }

    private static List<Field> keep(String... namesAndValues) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!missing(namesAndValues[i + 1])) {
                fields.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
            }
        }
        return fields;
    }

    private static String counterpartyLink(String counterpartyId, Point at) {
        return Link.to("/console/counterparties/" + Link.segment(counterpartyId))
                .with("asOf", at.asOf())
                .with("knownAt", at.knownAt())
                .toString();
    }

    private static Link dealLink(String dealId, Point at) {
        return Link.to("/console/deals/" + Link.segment(dealId))
                .with("asOf", at.asOf())
                .with("knownAt", at.knownAt());
    }

    private static boolean missing(String value) {
        return value == null || value.isBlank();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Response seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER)
                .header("Location", location)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Response page(TemplateInstance template) {
        return html(200, template.render()).build();
    }

    private static Response.ResponseBuilder html(int status, String body) {
        return Response.status(status)
                .entity(body)
                .type(HTML)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }

    /** An API answer as a download: the same bytes, named for a file. */
    private static Response download(Response api, String filename) {
        return Response.fromResponse(api)
                .header("Content-Disposition", "attachment; filename=\"" + filename.replace("\"", "") + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Response json(Object view, String filename) {
        return Response.ok(view, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + filename.replace("\"", "") + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private String message(int status, String heading, String text, boolean signInForm) {
        return message(status, heading, text, signInForm, null);
    }

    private String message(int status, String heading, String text, boolean signInForm, String back) {
        Frame frame = new Frame(
                heading,
                "message",
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                signInForm ? List.of() : nav("message", null, null));
        return Templates.message(new MessagePage(
                        frame,
                        status,
                        heading,
                        text,
                        signInForm,
                        back,
                        signInForm && oidc.enabled() ? OIDC_PATH + "/sign-in" : null))
                .render();
    }

    private Response signInPage(int status, String problem) {
        boolean refused = Boolean.TRUE.equals(request.getCurrent().get(ConsoleCookie.REFUSED));
        String text = problem != null
                ? problem
                : refused
                        ? "Your sign-in has expired or was refused. Sign in again."
                        : "Sign in with a token that carries the ledger-auditor role, the same token the API takes.";
        Response.ResponseBuilder response = html(status, message(status, "Sign in", text, true));
        if (refused) {
            response.cookie(cookie("", 0));
        }
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    private Response refusal(String user) {
        return html(
                        403,
                        message(
                                403,
                                "Not allowed",
                                (user == null ? "You are" : user + " is")
                                        + " signed in, but without the ledger-auditor role, which every view of"
                                        + " the console needs. Ask for that role, then sign in again.",
                                true))
                .build();
    }

    // ---- Errors as pages ------------------------------------------------------------------------------------
    // The refusals a person can act on are pages; anything else (a busy or unavailable service, a failure) is the
    // API's problem+json from the service-wide mappers, with the same status.

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return signInPage(401, null);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return signInPage(401, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return refusal(identity.isAnonymous() ? null : identity.getPrincipal().getName());
    }

    /**
     * The deals a counterparty page lists at once: the largest counterparty of the benchmark's ledger has about 12,000,
     * a table no one reads through (it was not what made the page slow; docs/benchmarks.md). Further pages are links
     * that keep asOf and knownAt.
     */
    static final int DEALS_PER_PAGE = 100;

    private static int dealsFrom(String dealsFrom) {
        if (missing(dealsFrom)) {
            return 0;
        }
        try {
            int from = Integer.parseInt(dealsFrom);
            if (from >= 0) {
                return from;
            }
        } catch (NumberFormatException e) {
            // refused below, as any other value that is not a position in the list
        }
        throw new MalformedRead("dealsFrom", "dealsFrom must be a whole number from 0, not '" + dealsFrom + "'");
    }

    private static DealsPaging dealsPaging(DealOutlines.DealPage page, int shown, String path, Point at) {
        long from = page.offset();
        String previous = from == 0 ? null : dealsLink(path, at, Math.max(0, from - DEALS_PER_PAGE));
        String next = from + shown >= page.total() ? null : dealsLink(path, at, from + shown);
        return new DealsPaging(shown == 0 ? 0 : from + 1, from + shown, page.total(), previous, next);
    }

    /** The counterparty page at the same (asOf, knownAt), listing deals from {@code from}. */
    private static String dealsLink(String path, Point at, long from) {
        return Link.to(path)
                .with("asOf", at.asOf())
                .with("knownAt", at.knownAt())
                .with("dealsFrom", Long.toString(from))
                .fragment("deals-heading")
                .toString();
    }

    @ServerExceptionMapper
    public Response malformed(MalformedRead e) {
        return html(400, message(400, "That request cannot be read", e.getMessage(), false, "/console/exposure"))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotRecorded e) {
        return html(404, message(404, "Not found", e.getMessage(), false, "/console/exposure"))
                .build();
    }

    @ServerExceptionMapper
    public Response restatementTooLarge(RestatementTooLarge e) {
        return html(422, message(422, "Too many facts between the two instants", e.getMessage(), false, null))
                .build();
    }

    @ServerExceptionMapper
    public Response notCaughtUp(NotCaughtUpException e) {
        return html(503, message(503, "Not ready yet", e.getMessage(), false, null))
                .header("Retry-After", 1)
                .build();
    }

    // ---- Sorting the exposure table -------------------------------------------------------------------------

    /** Key, label, and "n" for numbers (right-aligned, first sorted largest first) or "t" for text. */
    private static final String[][] EXPOSURE_COLUMNS = {
        {"counterparty", "Counterparty", "t"},
        {"currency", "Currency", "t"},
        {"direction", "Direction", "t"},
        {"committed", "Committed", "n"},
        {"elapsed", "Elapsed", "n"},
        {"remaining", "Remaining", "n"},
        {"potential", "Potential", "n"},
        {"exposure", "Exposure", "n"},
        {"concentration", "Concentration", "n"},
        {"deals", "Deals", "n"},
        {"commitments", "Commitments", "n"},
        {"optionsOpen", "Options open", "n"},
        {"optionsExercised", "Options exercised", "n"},
        {"amendments", "Amendments", "n"}
    };

    private static final Map<String, Comparator<ExposureRowView>> EXPOSURE_SORTS = Map.ofEntries(
            Map.entry("counterparty", Comparator.comparing(ExposureRowView::counterpartyId)),
            Map.entry("currency", Comparator.comparing(ExposureRowView::currency)),
            Map.entry(
                    "direction",
                    Comparator.comparing((ExposureRowView r) -> r.direction().name())),
            Map.entry("committed", Comparator.comparing((ExposureRowView r) -> new BigDecimal(r.committed()))),
            Map.entry("elapsed", Comparator.comparing((ExposureRowView r) -> new BigDecimal(r.elapsed()))),
            Map.entry("remaining", Comparator.comparing((ExposureRowView r) -> new BigDecimal(r.remaining()))),
            Map.entry("potential", Comparator.comparing((ExposureRowView r) -> new BigDecimal(r.potential()))),
            Map.entry("exposure", Comparator.comparing((ExposureRowView r) -> new BigDecimal(r.exposure()))),
            Map.entry("concentration", Comparator.comparing((ExposureRowView r) -> new BigDecimal(r.concentration()))),
            Map.entry("deals", Comparator.comparingLong(ExposureRowView::deals)),
            Map.entry("commitments", Comparator.comparingLong(ExposureRowView::commitments)),
            Map.entry("optionsOpen", Comparator.comparingLong(ExposureRowView::optionsOpen)),
            Map.entry("optionsExercised", Comparator.comparingLong(ExposureRowView::optionsExercised)),
            Map.entry("amendments", Comparator.comparingLong(ExposureRowView::amendments)));
}
