package dev.dealledger.demo;

import static dev.dealledger.demo.LedgerClient.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.api.view.ReportingView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The main job's client: records the example history of docs/domain.md (plus fictional counterparties) through the command
 * service, then prints what a user came for from the query service: exposure per counterparty, the CoreWeave remaining
 * obligation by year, and the restatement caused by the backdated amendment.
 *
 * <p>Usage: {@code Demo [commandUrl] [queryUrl]}, defaults http://localhost:8081 and http://localhost:8082. Exit code 0
 * when every check holds, 1 when a write or read failed, 2 when a printed check does not hold.
 */
public final class Demo {

    public static final String DEFAULT_COMMAND_URL = "http://localhost:8081";
    public static final String DEFAULT_QUERY_URL = "http://localhost:8082";

    static final LocalDate SCHEDULE_AFTER_FACT_2 = LocalDate.of(2025, 9, 30);
    static final LocalDate SCHEDULE_AFTER_FACT_3 = LocalDate.of(2026, 4, 1);
    static final LocalDate RESTATEMENT_AS_OF = LocalDate.of(2026, 1, 31);
    /** A year end after every fact of the example, as a finance team would disclose it. */
    static final LocalDate DISCLOSURE_AS_OF = LocalDate.of(2026, 12, 31);

    static final LocalDate CHECK_AS_OF = LocalDate.of(2026, 4, 1);
    static final int FIRST_YEAR = 2025;
    static final int LAST_YEAR = 2032;

    private static final String INDENT = "  ";

    private final LedgerClient ledger;
    private final PrintStream out;
    private final Clock clock;

    public Demo(LedgerClient ledger, PrintStream out, Clock clock) {
        this.ledger = ledger;
        this.out = out;
        this.clock = clock;
    }

    public static void main(String[] args) {
        if (args.length > 2 || (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.err.println("usage: Demo [commandUrl (default " + DEFAULT_COMMAND_URL + ")] [queryUrl (default "
                    + DEFAULT_QUERY_URL + ")]");
            System.exit(args.length > 2 ? 1 : 0);
        }
        URI command = baseUrl(args.length > 0 ? args[0] : DEFAULT_COMMAND_URL);
        URI query = baseUrl(args.length > 1 ? args[1] : DEFAULT_QUERY_URL);
        Duration patience = Duration.ofSeconds(Long.getLong("demo.patienceSeconds", 60));
        int code;
        try {
            code = new Demo(new LedgerClient(command, query, patience), System.out, Clock.systemUTC()).run();
        } catch (DemoFailure e) {
            System.out.flush();
            System.err.println();
            System.err.println("The demo stopped: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private static URI baseUrl(String text) {
        try {
            URI uri = URI.create(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        System.err.println("not an http(s) base URL: " + text);
        System.exit(1);
        throw new IllegalStateException("unreachable");
    }

    /** Records the example, prints the three views and the checks; answers the exit code. */
    public int run() {
        Instant started = clock.instant();
        out.println("Deal ledger demo");
        out.println("  command service " + ledger.commandBase() + ", query service " + ledger.queryBase());
        out.println(
                "  The Meta/CoreWeave facts are docs/domain.md's example history, seen from Meta's side: its dates, the"
                        + " split of the 2026 order form,");
        out.println("  the option size and the first term end are ILLUSTRATIVE values. Counterparties marked"
                + " (fictional) are invented for comparison.");
        out.println();

        Map<String, Receipt> receipts = record(started);
        long lastPosition =
                receipts.values().stream().mapToLong(Receipt::position).max().orElse(0);

        List<String> failedChecks = new ArrayList<>();
        exposure(lastPosition);
        schedule(lastPosition);
        restatement(receipts, lastPosition, failedChecks);
        disclosure(lastPosition, failedChecks);
        exposureInUsd(lastPosition);
        period(lastPosition, failedChecks);
        checkCommitted(lastPosition, failedChecks);

        if (!failedChecks.isEmpty()) {
            out.println();
            out.println("CHECKS FAILED: " + String.join("; ", failedChecks));
            return 2;
        }
        return 0;
    }

    /** Sends every write in order; a refusal stops the demo after printing what was recorded so far. */
    Map<String, Receipt> record(Instant started) {
        out.println("Recording the example history (" + ExampleHistory.writes().size()
                + " writes, each with a fixed Idempotency-Key)");
        Map<String, Receipt> receipts = new LinkedHashMap<>();
        TextTable log = new TextTable()
                .left("Idempotency-Key")
                .left("fact")
                .right("position")
                .left("recordedAt")
                .left("this run");
        int replayed = 0;
        try {
            for (LedgerWrite write : ExampleHistory.writes()) {
                Receipt receipt = ledger.write(write);
                receipts.put(write.step(), receipt);
                // The ledger answers a repeated key with the original receipt, so an instant before this run's start
                // means the fact was recorded by an earlier run (judged against this machine's clock).
                boolean earlier = receipt.recordedAt().isBefore(started);
                replayed += earlier ? 1 : 0;
                log.row(
                        write.idempotencyKey(),
                        write.fact(),
                        Long.toString(receipt.position()),
                        receipt.recordedAt().toString(),
                        earlier ? "replayed: recorded by an earlier run" : "recorded now");
            }
        } finally {
            if (log.rowCount() > 0) {
                out.print(log.render(INDENT));
            }
        }
        out.println(INDENT + (receipts.size() - replayed) + " recorded now, " + replayed
                + " already in the ledger (the original receipt was returned, nothing recorded twice)");
        out.println();
        return receipts;
    }

    void exposure(long minPosition) {
        LocalDate today = LocalDate.now(clock);
        List<ExposureRowView> rows = new ArrayList<>();
        String cursor = null;
        ExposureView page;
        do {
            page = ledger.read(
                    "/api/v1/exposure",
                    params("asOf", today.toString(), "cursor", cursor),
                    minPosition,
                    ExposureView.class);
            rows.addAll(page.rows());
            cursor = page.nextCursor();
        } while (cursor != null);

        out.println("1. Exposure per counterparty as of " + page.asOf() + " (today), known at " + page.knownAt());
        TextTable table = new TextTable()
                .left("counterparty")
                .left("legal name")
                .left("currency")
                .left("direction")
                .right("committed")
                .right("elapsed")
                .right("remaining")
                .right("potential")
                .right("exposure")
                .right("concentration");
        for (ExposureRowView r : rows) {
            table.row(
                    r.counterpartyId(),
                    r.legalName(),
                    r.currency(),
                    r.direction() == null ? null : r.direction().name(),
                    Amounts.grouped(r.committed()),
                    Amounts.grouped(r.elapsed()),
                    Amounts.grouped(r.remaining()),
                    Amounts.grouped(r.potential()),
                    Amounts.grouped(r.exposure()),
                    r.concentration());
        }
        out.print(table.render(INDENT));
        out.println(INDENT + "exposure = remaining + potential (open options); concentration = share of the remaining"
                + " of all counterparties in the same currency and direction.");
        out.println();
    }

    /**
     * The purchase-obligation disclosure of the Meta side (PAYABLE) in the reporting currency USD as of {@link
     * #DISCLOSURE_AS_OF}, in both
     * shapes of docs/domain.md ("Financial reporting"); both must add up to the remaining.
     */
    void disclosure(long minPosition, List<String> failedChecks) {
        DisclosureView view = ledger.read(
                "/api/v1/disclosures/obligations",
                params("direction", "PAYABLE", "reportingCurrency", "USD", "asOf", DISCLOSURE_AS_OF.toString()),
                minPosition,
                DisclosureView.class);
        out.println("4. Purchase obligations (PAYABLE) in USD as of " + view.asOf() + ", known at " + view.knownAt()
                + ", fiscal years ending " + view.fiscalYearEnd());
        out.println(
                INDENT + "Every counterparty the Meta side buys from, EUR converted at the ILLUSTRATIVE EUR/USD rate;"
                        + " illustrative values.");
        for (DisclosureView.Row row : view.rows()) {
            TextTable years = new TextTable().left("fiscal year").right("amount " + row.currency());
            List<String> yearAmounts = new ArrayList<>();
            for (DisclosureView.FiscalYearAmount y : row.fiscalYears()) {
                years.row("FY" + y.fiscalYear(), Amounts.grouped(y.amount()));
                yearAmounts.add(y.amount());
            }
            years.row("thereafter", Amounts.grouped(row.thereafter()));
            yearAmounts.add(row.thereafter());
            years.row("total", Amounts.grouped(row.total()));
            out.print(years.render(INDENT));
            DisclosureView.Bands b = row.bands();
            TextTable bands = new TextTable().left("due").right("amount " + row.currency());
            bands.row("within one year", Amounts.grouped(b.withinOneYear()));
            bands.row("one to three years", Amounts.grouped(b.oneToThreeYears()));
            bands.row("three to five years", Amounts.grouped(b.threeToFiveYears()));
            bands.row("after five years", Amounts.grouped(b.afterFiveYears()));
            bands.row("total", Amounts.grouped(row.total()));
            out.println();
            out.print(bands.render(INDENT));
            String byBand = Amounts.sum(
                    List.of(b.withinOneYear(), b.oneToThreeYears(), b.threeToFiveYears(), b.afterFiveYears()));
            if (new BigDecimal(Amounts.sum(yearAmounts)).compareTo(new BigDecimal(row.total())) != 0
                    || new BigDecimal(byBand).compareTo(new BigDecimal(row.total())) != 0) {
                failedChecks.add("the " + row.currency() + " disclosure does not add up to its total " + row.total());
            }
        }
        out.println();
    }

    /** The exposure report in the reporting currency USD: EUR rows converted at the illustrative EUR/USD rates. */
    void exposureInUsd(long minPosition) {
        LocalDate today = LocalDate.now(clock);
        List<ExposureRowView> rows = new ArrayList<>();
        String cursor = null;
        ExposureView page;
        do {
            page = ledger.read(
                    "/api/v1/exposure",
                    params("asOf", today.toString(), "reportingCurrency", "USD", "cursor", cursor),
                    minPosition,
                    ExposureView.class);
            rows.addAll(page.rows());
            cursor = page.nextCursor();
        } while (cursor != null);
        out.println("5. Exposure in the reporting currency USD as of " + page.asOf() + ", known at " + page.knownAt());
        out.println(INDENT + "Each total converted at the latest EUR/USD rate dated on or before asOf (ILLUSTRATIVE"
                + " rates), rounded once; concentration spans every currency of a direction.");
        TextTable table = new TextTable()
                .left("counterparty")
                .left("currency")
                .left("direction")
                .right("remaining")
                .right("remaining USD")
                .right("exposure USD")
                .right("concentration USD");
        for (ExposureRowView r : rows) {
            ReportingView usd = r.reporting();
            table.row(
                    r.counterpartyId(),
                    r.currency(),
                    r.direction() == null ? null : r.direction().name(),
                    Amounts.grouped(r.remaining()),
                    usd == null ? "" : Amounts.grouped(usd.remaining()),
                    usd == null ? "" : Amounts.grouped(usd.exposure()),
                    usd == null ? "" : usd.concentration());
        }
        out.print(table.render(INDENT));
        out.println();
    }

    /**
     * The quarter closed between fact 3 and fact 4, as reported against as restated: the backdated amendment (fact 4)
     * is a post-close adjustment. As reported must not contain it; as restated must.
     */
    void period(long minPosition, List<String> failedChecks) {
        PeriodView view =
                ledger.read("/api/v1/periods/" + ExampleHistory.CLOSED_PERIOD, params(), minPosition, PeriodView.class);
        out.println("6. The period ending " + view.periodEnd() + ", closed at " + view.closedAt() + ": as reported"
                + " against as restated (known at " + view.knownAt() + ")");
        out.println(INDENT + "digest " + view.digest() + " (" + view.digestEncoding() + ")");
        TextTable table = new TextTable()
                .left("counterparty")
                .left("currency")
                .left("direction")
                .right("committed as reported")
                .right("committed as restated")
                .right("remaining as reported")
                .right("remaining as restated");
        Map<String, PeriodView.Row> restated = new TreeMap<>();
        view.asRestated().forEach(r -> restated.put(r.counterpartyId() + " " + r.currency() + " " + r.direction(), r));
        for (PeriodView.Row reported : view.asReported()) {
            PeriodView.Row now =
                    restated.get(reported.counterpartyId() + " " + reported.currency() + " " + reported.direction());
            table.row(
                    reported.counterpartyId(),
                    reported.currency(),
                    reported.direction().name(),
                    Amounts.grouped(reported.committed()),
                    now == null ? "" : Amounts.grouped(now.committed()),
                    Amounts.grouped(reported.remaining()),
                    now == null ? "" : Amounts.grouped(now.remaining()));
        }
        out.print(table.render(INDENT));
        out.println(INDENT + "Post-close adjustments:");
        if (view.adjustments().isEmpty()) {
            out.println(INDENT + INDENT + "(none)");
        }
        for (PeriodView.Adjustment a : view.adjustments()) {
            out.println(INDENT + INDENT + "position " + a.position() + ", " + a.kind() + " " + a.eventType() + " on "
                    + a.dealId() + ", effective " + a.effectiveDate() + ", recorded " + a.recordedAt());
            for (PeriodView.Effect e : a.effects()) {
                out.println(INDENT + INDENT + INDENT + e.counterpartyId() + " " + e.currency() + " " + e.direction()
                        + " " + e.field() + " " + e.effect());
            }
        }
        out.println();
        boolean amendmentListed = view.adjustments().stream()
                .anyMatch(a -> String.valueOf(a.payload()).contains(ExampleHistory.AMENDMENT));
        if (!amendmentListed) {
            failedChecks.add("the period " + view.periodEnd() + " does not list " + ExampleHistory.AMENDMENT
                    + " as a post-close adjustment");
        }
    }

    void schedule(long minPosition) {
        String path = "/api/v1/counterparties/" + ExampleHistory.COREWEAVE + "/schedule";
        ScheduleView early =
                ledger.read(path, params("asOf", SCHEDULE_AFTER_FACT_2.toString()), minPosition, ScheduleView.class);
        ScheduleView late =
                ledger.read(path, params("asOf", SCHEDULE_AFTER_FACT_3.toString()), minPosition, ScheduleView.class);

        out.println("2. CoreWeave remaining obligation by year, as of " + early.asOf() + " and as of " + late.asOf()
                + " (known at " + late.knownAt() + ")");
        out.println(INDENT + "As of " + early.asOf() + " only the 2025 order form is in force (fact 2); as of "
                + late.asOf() + " the 2026 order form, the option");
        out.println(INDENT + "exercise (fact 3) and the backdated amendment (fact 4, effective 2026-01-01) are in"
                + " force too. Illustrative values.");
        Map<String, Map<Integer, String>> earlyByMarket = byMarket(early);
        Map<String, Map<Integer, String>> lateByMarket = byMarket(late);
        TreeSet<String> markets = new TreeSet<>(earlyByMarket.keySet());
        markets.addAll(lateByMarket.keySet());
        String earlyHeader = "remaining as of " + early.asOf();
        String lateHeader = "remaining as of " + late.asOf();
        TextTable table = new TextTable()
                .left("currency")
                .left("direction")
                .left("year")
                .right(earlyHeader)
                .right(lateHeader);
        for (String market : markets) {
            String[] cd = market.split("/");
            Map<Integer, String> e = earlyByMarket.getOrDefault(market, Map.of());
            Map<Integer, String> l = lateByMarket.getOrDefault(market, Map.of());
            String zero = zeroLike(e, l);
            TreeSet<Integer> years = new TreeSet<>(e.keySet());
            years.addAll(l.keySet());
            int first = Math.min(FIRST_YEAR, years.isEmpty() ? FIRST_YEAR : years.first());
            int last = Math.max(LAST_YEAR, years.isEmpty() ? LAST_YEAR : years.last());
            for (int year = first; year <= last; year++) {
                table.row(
                        cd[0],
                        cd[1],
                        Integer.toString(year),
                        Amounts.grouped(e.getOrDefault(year, zero)),
                        Amounts.grouped(l.getOrDefault(year, zero)));
            }
            table.row(
                    cd[0],
                    cd[1],
                    "total",
                    Amounts.grouped(e.isEmpty() ? zero : Amounts.sum(e.values())),
                    Amounts.grouped(l.isEmpty() ? zero : Amounts.sum(l.values())));
        }
        out.print(table.render(INDENT));
        out.println();
    }

    private static Map<String, Map<Integer, String>> byMarket(ScheduleView view) {
        Map<String, Map<Integer, String>> byMarket = new TreeMap<>();
        for (ScheduleView.Row row : view.rows()) {
            byMarket.computeIfAbsent(row.currency() + "/" + row.direction(), k -> new TreeMap<>())
                    .put(row.year(), row.remaining());
        }
        return byMarket;
    }

    /** Zero at the scale the service uses for this currency, so the column's decimal points line up. */
    private static String zeroLike(Map<Integer, String> a, Map<Integer, String> b) {
        String sample = !a.isEmpty()
                ? a.values().iterator().next()
                : b.values().iterator().next();
        return BigDecimal.ZERO.setScale(new BigDecimal(sample).scale()).toPlainString();
    }

    void restatement(Map<String, Receipt> receipts, long minPosition, List<String> failedChecks) {
        List<String> steps = new ArrayList<>(receipts.keySet());
        int index = steps.indexOf(ExampleHistory.AMENDMENT_STEP);
        Receipt amendment = receipts.get(ExampleHistory.AMENDMENT_STEP);
        Receipt before = receipts.get(steps.get(index - 1));
        Instant from = before.recordedAt();
        Instant to = amendment.recordedAt();

        RestatementView view = ledger.read(
                "/api/v1/restatements",
                params(
                        "counterpartyId", ExampleHistory.COREWEAVE,
                        "asOf", RESTATEMENT_AS_OF.toString(),
                        "from", from.toString(),
                        "to", to.toString()),
                minPosition,
                RestatementView.class);

        out.println("3. Restatement: CoreWeave as of " + view.asOf()
                + ", known before and known after the backdated amendment (illustrative correction)");
        out.println(INDENT + "known before: " + view.from() + "  (recordedAt of " + LedgerWrite.KEY_PREFIX
                + steps.get(index - 1) + ", the last write before the amendment)");
        out.println(
                INDENT + "known after:  " + view.to() + "  (recordedAt of amendment " + ExampleHistory.AMENDMENT + ")");
        out.println();
        out.println(INDENT + "What changed:");
        if (view.changes().isEmpty()) {
            out.println(INDENT + INDENT + "(no total changed)");
        } else {
            TextTable changes = new TextTable()
                    .left("currency")
                    .left("direction")
                    .left("field")
                    .right("before")
                    .right("after")
                    .right("change");
            for (RestatementView.Change c : view.changes()) {
                changes.row(
                        c.currency(),
                        c.direction() == null ? null : c.direction().name(),
                        c.field(),
                        Amounts.grouped(c.before()),
                        Amounts.grouped(c.after()),
                        Amounts.difference(c.before(), c.after()));
            }
            out.print(changes.render(INDENT + INDENT));
        }
        out.println();
        out.println(INDENT + "Caused by the facts recorded in between:");
        TextTable causes = new TextTable()
                .left("kind")
                .left("eventType")
                .left("deal")
                .left("fact id")
                .left("effectiveDate")
                .left("recordedAt")
                .left("actor")
                .left("reason");
        boolean amendmentNamed = false;
        for (RestatementView.Cause f : view.causes()) {
            String factId = factId(f.payload());
            amendmentNamed |= ExampleHistory.AMENDMENT.equals(factId);
            causes.row(
                    f.kind(),
                    f.eventType(),
                    f.dealId(),
                    factId,
                    f.effectiveDate() == null ? null : f.effectiveDate().toString(),
                    f.recordedAt() == null ? null : f.recordedAt().toString(),
                    f.actor(),
                    f.reason());
        }
        if (causes.rowCount() == 0) {
            out.println(INDENT + INDENT + "(no fact named)");
        } else {
            out.print(causes.render(INDENT + INDENT));
        }
        if (!amendmentNamed) {
            failedChecks.add("the restatement does not name " + ExampleHistory.AMENDMENT + " as a cause");
        }
        out.println();

        String totalsPath = "/api/v1/counterparties/" + ExampleHistory.COREWEAVE + "/totals";
        CounterpartyTotalsView knownBefore = ledger.read(
                totalsPath,
                params("asOf", RESTATEMENT_AS_OF.toString(), "knownAt", from.toString()),
                minPosition,
                CounterpartyTotalsView.class);
        CounterpartyTotalsView knownAfter = ledger.read(
                totalsPath,
                params("asOf", RESTATEMENT_AS_OF.toString(), "knownAt", to.toString()),
                minPosition,
                CounterpartyTotalsView.class);
        out.println(INDENT + "CoreWeave totals as of " + RESTATEMENT_AS_OF + " (GET totals with knownAt): known before "
                + knownBefore.knownAt() + ", known after " + knownAfter.knownAt());
        out.print(totalsComparison(knownBefore, knownAfter).render(INDENT + INDENT));
        out.println();
    }

    /** The id a fact is about: the amendment, commitment or option it records, else its deal. */
    private static String factId(JsonNode payload) {
        if (payload != null) {
            for (String field : List.of("amendmentId", "commitmentId", "optionId")) {
                if (payload.hasNonNull(field)) {
                    return payload.get(field).asText();
                }
            }
        }
        return null;
    }

    private static TextTable totalsComparison(CounterpartyTotalsView before, CounterpartyTotalsView after) {
        Map<String, TotalsRowView> b = rowsByMarket(before);
        Map<String, TotalsRowView> a = rowsByMarket(after);
        TreeSet<String> markets = new TreeSet<>(b.keySet());
        markets.addAll(a.keySet());
        TextTable table = new TextTable()
                .left("currency")
                .left("direction")
                .left("field")
                .right("known before")
                .right("known after")
                .right("change");
        for (String market : markets) {
            Map<String, String> bf = fields(b.get(market));
            Map<String, String> af = fields(a.get(market));
            String[] cd = market.split("/");
            for (String field : (bf.isEmpty() ? af : bf).keySet()) {
                String bv = bf.get(field);
                String av = af.get(field);
                table.row(
                        cd[0],
                        cd[1],
                        field,
                        Amounts.grouped(bv),
                        Amounts.grouped(av),
                        Amounts.difference(bv == null ? "0" : bv, av == null ? "0" : av));
            }
        }
        return table;
    }

    private static Map<String, TotalsRowView> rowsByMarket(CounterpartyTotalsView view) {
        Map<String, TotalsRowView> rows = new TreeMap<>();
        for (TotalsRowView row : view.totals()) {
            rows.put(row.currency() + "/" + row.direction(), row);
        }
        return rows;
    }

    private static Map<String, String> fields(TotalsRowView r) {
        Map<String, String> f = new LinkedHashMap<>();
        if (r == null) {
            return f;
        }
        f.put("committed", r.committed());
        f.put("elapsed", r.elapsed());
        f.put("remaining", r.remaining());
        f.put("potential", r.potential());
        f.put("exposure", r.exposure());
        f.put("concentration", r.concentration());
        f.put("deals", Long.toString(r.deals()));
        f.put("commitments", Long.toString(r.commitments()));
        f.put("optionsOpen", Long.toString(r.optionsOpen()));
        f.put("optionsExercised", Long.toString(r.optionsExercised()));
        f.put("amendments", Long.toString(r.amendments()));
        return f;
    }

    void checkCommitted(long minPosition, List<String> failedChecks) {
        CounterpartyTotalsView totals = ledger.read(
                "/api/v1/counterparties/" + ExampleHistory.COREWEAVE + "/totals",
                params("asOf", CHECK_AS_OF.toString()),
                minPosition,
                CounterpartyTotalsView.class);
        List<String> committed = new ArrayList<>();
        for (TotalsRowView row : totals.totals()) {
            if (ExampleHistory.EXPECTED_COREWEAVE_CURRENCY.equals(row.currency())) {
                committed.add(row.committed());
            }
        }
        String actual = committed.isEmpty() ? "0.00" : Amounts.sum(committed);
        String expected = ExampleHistory.EXPECTED_COREWEAVE_COMMITTED;
        boolean ok = new BigDecimal(actual).compareTo(new BigDecimal(expected)) == 0;
        String currency = ExampleHistory.EXPECTED_COREWEAVE_CURRENCY;
        out.println("Check: total committed with CoreWeave as of " + totals.asOf() + ", after fact 4: "
                + Amounts.grouped(actual) + " " + currency + " (docs/domain.md: " + Amounts.grouped(expected) + " "
                + currency + ") " + (ok ? "OK" : "MISMATCH"));
        if (!ok) {
            failedChecks.add("total committed with CoreWeave is " + actual + " " + currency + ", expected " + expected);
        }
    }
}
