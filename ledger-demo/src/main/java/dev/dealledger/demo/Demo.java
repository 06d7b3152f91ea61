package dev.dealledger.demo;

import dev.dealledger.client.command.model.WriteReceipt;
import dev.dealledger.client.query.api.CounterpartiesApi;
import dev.dealledger.client.query.api.DisclosuresApi;
import dev.dealledger.client.query.api.ExposureApi;
import dev.dealledger.client.query.api.PeriodsApi;
import dev.dealledger.client.query.api.RestatementsApi;
import dev.dealledger.client.query.model.CounterpartyScheduleView;
import dev.dealledger.client.query.model.CounterpartyTotalsView;
import dev.dealledger.client.query.model.Direction;
import dev.dealledger.client.query.model.DisclosureBands;
import dev.dealledger.client.query.model.DisclosureFiscalYear;
import dev.dealledger.client.query.model.DisclosureRow;
import dev.dealledger.client.query.model.DisclosureView;
import dev.dealledger.client.query.model.ExposureRow;
import dev.dealledger.client.query.model.ExposureView;
import dev.dealledger.client.query.model.PeriodAdjustment;
import dev.dealledger.client.query.model.PeriodEffect;
import dev.dealledger.client.query.model.PeriodRow;
import dev.dealledger.client.query.model.PeriodView;
import dev.dealledger.client.query.model.Reporting;
import dev.dealledger.client.query.model.RestatementCause;
import dev.dealledger.client.query.model.RestatementChange;
import dev.dealledger.client.query.model.RestatementView;
import dev.dealledger.client.query.model.ScheduleRow;
import dev.dealledger.client.query.model.TotalsRow;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The main job's client: records the example history of docs/domain.md (plus fictional counterparties) through the command
 * service, then prints what a user came for from the query service: exposure per counterparty, the CoreWeave remaining
 * obligation by year, and the restatement caused by the backdated amendment. It talks to both services through the
 * generated client of {@code ledger-client}, as an integrating service would, calling each read through its request
 * object, which stays source-compatible when the API gains an optional parameter (docs/api-versioning.md).
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
            LedgerClient client = new LedgerClient(command, query, patience, System.getenv("LEDGER_TOKEN"));
            code = new Demo(client, System.out, Clock.systemUTC()).run();
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

        Map<String, WriteReceipt> receipts = record(started);
        long lastPosition = receipts.values().stream()
                .mapToLong(WriteReceipt::getPosition)
                .max()
                .orElse(0);

        List<String> failedChecks = new ArrayList<>();
        exposure(lastPosition);
        schedule(lastPosition);
        restatement(receipts, lastPosition, failedChecks);
        disclosure(lastPosition, failedChecks);
        exposureInUsd(lastPosition);
        period(receipts.get(ExampleHistory.CLOSE_STEP), lastPosition, failedChecks);
        checkCommitted(lastPosition, failedChecks);

        if (!failedChecks.isEmpty()) {
            out.println();
            out.println("CHECKS FAILED: " + String.join("; ", failedChecks));
            return 2;
        }
        return 0;
    }

    /** Sends every write in order; a refusal stops the demo after printing what was recorded so far. */
    Map<String, WriteReceipt> record(Instant started) {
        out.println("Recording the example history (" + ExampleHistory.writes().size()
                + " writes, each with a fixed Idempotency-Key)");
        Map<String, WriteReceipt> receipts = new LinkedHashMap<>();
        TextTable log = new TextTable()
                .left("Idempotency-Key")
                .left("fact")
                .right("position")
                .left("recordedAt")
                .left("this run");
        int replayed = 0;
        try {
            for (LedgerWrite write : ExampleHistory.writes()) {
                WriteReceipt receipt = ledger.write(write);
                receipts.put(write.step(), receipt);
                // The ledger answers a repeated key with the original receipt, so an instant before this run's start
                // means the fact was recorded by an earlier run (judged against this machine's clock).
                Instant recordedAt = receipt.getRecordedAt().toInstant();
                boolean earlier = recordedAt.isBefore(started);
                replayed += earlier ? 1 : 0;
                log.row(
                        write.idempotencyKey(),
                        write.fact(),
                        Long.toString(receipt.getPosition()),
                        recordedAt.toString(),
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
        List<ExposureRow> rows = new ArrayList<>();
        ExposureView page = exposurePages(today, null, minPosition, rows);
        out.println("1. Exposure per counterparty as of " + page.getAsOf() + " (today), known at "
                + instant(page.getKnownAt()));
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
        for (ExposureRow r : rows) {
            table.row(
                    r.getCounterpartyId(),
                    r.getLegalName(),
                    r.getCurrency(),
                    name(r.getDirection()),
                    Amounts.grouped(r.getCommitted()),
                    Amounts.grouped(r.getElapsed()),
                    Amounts.grouped(r.getRemaining()),
                    Amounts.grouped(r.getPotential()),
                    Amounts.grouped(r.getExposure()),
                    r.getConcentration());
        }
        out.print(table.render(INDENT));
        out.println(INDENT + "exposure = remaining + potential (open options); concentration = share of the remaining"
                + " of all counterparties in the same currency and direction.");
        out.println();
    }

    /** Every page of the exposure report at {@code asOf} into {@code rows}; answers the last page. */
    private ExposureView exposurePages(
            LocalDate asOf, String reportingCurrency, long minPosition, List<ExposureRow> rows) {
        String cursor = null;
        ExposureView page;
        do {
            ExposureApi.APIListExposureRequest request = ExposureApi.APIListExposureRequest.newBuilder()
                    .asOf(asOf)
                    .reportingCurrency(reportingCurrency)
                    .cursor(cursor)
                    .xLedgerMinPosition(minPosition)
                    .build();
            page = ledger.read(
                    "GET /api/v1/exposure as of " + asOf, q -> q.exposure().listExposure(request));
            rows.addAll(page.getRows());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return page;
    }

    /**
     * The purchase-obligation disclosure of the Meta side (PAYABLE) in the reporting currency USD as of {@link
     * #DISCLOSURE_AS_OF}, in both
     * shapes of docs/domain.md ("Financial reporting"); both must add up to the remaining.
     */
    void disclosure(long minPosition, List<String> failedChecks) {
        DisclosuresApi.APIGetObligationDisclosureRequest request =
                DisclosuresApi.APIGetObligationDisclosureRequest.newBuilder()
                        .direction(Direction.PAYABLE)
                        .reportingCurrency("USD")
                        .asOf(DISCLOSURE_AS_OF)
                        .xLedgerMinPosition(minPosition)
                        .build();
        DisclosureView view = ledger.read(
                "GET /api/v1/disclosures/obligations as of " + DISCLOSURE_AS_OF,
                q -> q.disclosures().getObligationDisclosure(request));
        out.println("4. Purchase obligations (PAYABLE) in USD as of " + view.getAsOf() + ", known at "
                + instant(view.getKnownAt()) + ", fiscal years ending " + view.getFiscalYearEnd());
        out.println(
                INDENT + "Every counterparty the Meta side buys from, EUR converted at the ILLUSTRATIVE EUR/USD rate;"
                        + " illustrative values.");
        for (DisclosureRow row : view.getRows()) {
            TextTable years = new TextTable().left("fiscal year").right("amount " + row.getCurrency());
            List<String> yearAmounts = new ArrayList<>();
            for (DisclosureFiscalYear y : row.getFiscalYears()) {
                years.row("FY" + y.getFiscalYear(), Amounts.grouped(y.getAmount()));
                yearAmounts.add(y.getAmount());
            }
            years.row("thereafter", Amounts.grouped(row.getThereafter()));
            yearAmounts.add(row.getThereafter());
            years.row("total", Amounts.grouped(row.getTotal()));
            out.print(years.render(INDENT));
            DisclosureBands b = row.getBands();
            TextTable bands = new TextTable().left("due").right("amount " + row.getCurrency());
            bands.row("within one year", Amounts.grouped(b.getWithinOneYear()));
            bands.row("one to three years", Amounts.grouped(b.getOneToThreeYears()));
            bands.row("three to five years", Amounts.grouped(b.getThreeToFiveYears()));
            bands.row("after five years", Amounts.grouped(b.getAfterFiveYears()));
            bands.row("total", Amounts.grouped(row.getTotal()));
            out.println();
            out.print(bands.render(INDENT));
            String byBand = Amounts.sum(List.of(
                    b.getWithinOneYear(), b.getOneToThreeYears(), b.getThreeToFiveYears(), b.getAfterFiveYears()));
            if (new BigDecimal(Amounts.sum(yearAmounts)).compareTo(new BigDecimal(row.getTotal())) != 0
                    || new BigDecimal(byBand).compareTo(new BigDecimal(row.getTotal())) != 0) {
                failedChecks.add(
                        "the " + row.getCurrency() + " disclosure does not add up to its total " + row.getTotal());
            }
        }
        out.println();
    }

    /** The exposure report in the reporting currency USD: EUR rows converted at the illustrative EUR/USD rates. */
    void exposureInUsd(long minPosition) {
        LocalDate today = LocalDate.now(clock);
        List<ExposureRow> rows = new ArrayList<>();
        ExposureView page = exposurePages(today, "USD", minPosition, rows);
        out.println("5. Exposure in the reporting currency USD as of " + page.getAsOf() + ", known at "
                + instant(page.getKnownAt()));
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
        for (ExposureRow r : rows) {
            Reporting usd = r.getReporting();
            table.row(
                    r.getCounterpartyId(),
                    r.getCurrency(),
                    name(r.getDirection()),
                    Amounts.grouped(r.getRemaining()),
                    usd == null ? "" : Amounts.grouped(usd.getRemaining()),
                    usd == null ? "" : Amounts.grouped(usd.getExposure()),
                    usd == null ? "" : usd.getConcentration());
        }
        out.print(table.render(INDENT));
        out.println();
    }

    /**
     * The quarter closed between fact 3 and fact 4, as reported against as restated: the backdated amendment (fact 4)
     * is a post-close adjustment. As reported must not contain it; as restated must.
     */
    void period(WriteReceipt close, long minPosition, List<String> failedChecks) {
        LocalDate periodEnd = LocalDate.parse(ExampleHistory.CLOSED_PERIOD);
        PeriodsApi.APIGetPeriodRequest request = PeriodsApi.APIGetPeriodRequest.newBuilder()
                .periodEnd(periodEnd)
                .xLedgerMinPosition(minPosition)
                .build();
        PeriodView view =
                ledger.read("GET /api/v1/periods/" + periodEnd, q -> q.periods().getPeriod(request));
        out.println("6. The period ending " + view.getPeriodEnd() + ", closed at " + instant(view.getClosedAt())
                + ": as reported against as restated (known at " + instant(view.getKnownAt()) + ")");
        out.println(INDENT + "digest " + view.getDigest() + " (" + view.getDigestEncoding() + ")");
        // The close recorded its figures with their digest and answered it; the period read serves the same.
        if (close != null && !view.getDigest().equals(close.getDigest())) {
            failedChecks.add("the close answered the digest " + close.getDigest() + ", the period read serves "
                    + view.getDigest());
        } else if (close != null) {
            out.println(INDENT + "the close answered the same digest when it was recorded: OK");
        }
        TextTable table = new TextTable()
                .left("counterparty")
                .left("currency")
                .left("direction")
                .right("committed as reported")
                .right("committed as restated")
                .right("remaining as reported")
                .right("remaining as restated");
        Map<RowKey, PeriodRow> restated = new TreeMap<>();
        view.getAsRestated()
                .forEach(r -> restated.put(new RowKey(r.getCounterpartyId(), r.getCurrency(), r.getDirection()), r));
        for (PeriodRow reported : view.getAsReported()) {
            PeriodRow now = restated.get(
                    new RowKey(reported.getCounterpartyId(), reported.getCurrency(), reported.getDirection()));
            table.row(
                    reported.getCounterpartyId(),
                    reported.getCurrency(),
                    name(reported.getDirection()),
                    Amounts.grouped(reported.getCommitted()),
                    now == null ? "" : Amounts.grouped(now.getCommitted()),
                    Amounts.grouped(reported.getRemaining()),
                    now == null ? "" : Amounts.grouped(now.getRemaining()));
        }
        out.print(table.render(INDENT));
        out.println(INDENT + "Post-close adjustments:");
        if (view.getAdjustments().isEmpty()) {
            out.println(INDENT + INDENT + "(none)");
        }
        for (PeriodAdjustment a : view.getAdjustments()) {
            out.println(INDENT + INDENT + "position " + a.getPosition() + ", " + a.getKind() + " " + a.getEventType()
                    + " on " + a.getDealId() + ", effective " + a.getEffectiveDate() + ", recorded "
                    + instant(a.getRecordedAt()));
            for (PeriodEffect e : a.getEffects()) {
                out.println(INDENT + INDENT + INDENT + e.getCounterpartyId() + " " + e.getCurrency() + " "
                        + e.getDirection() + " " + e.getField() + " " + e.getEffect());
            }
        }
        out.println();
        boolean amendmentListed =
                view.getAdjustments().stream().anyMatch(a -> ExampleHistory.AMENDMENT.equals(factId(a.getPayload())));
        if (!amendmentListed) {
            failedChecks.add("the period " + view.getPeriodEnd() + " does not list " + ExampleHistory.AMENDMENT
                    + " as a post-close adjustment");
        }
    }

    void schedule(long minPosition) {
        CounterpartyScheduleView early = schedule(SCHEDULE_AFTER_FACT_2, minPosition);
        CounterpartyScheduleView late = schedule(SCHEDULE_AFTER_FACT_3, minPosition);

        out.println("2. CoreWeave remaining obligation by year, as of " + early.getAsOf() + " and as of "
                + late.getAsOf() + " (known at " + instant(late.getKnownAt()) + ")");
        out.println(INDENT + "As of " + early.getAsOf() + " only the 2025 order form is in force (fact 2); as of "
                + late.getAsOf() + " the 2026 order form, the option");
        out.println(INDENT + "exercise (fact 3) and the backdated amendment (fact 4, effective 2026-01-01) are in"
                + " force too. Illustrative values.");
        Map<Market, Map<Integer, String>> earlyByMarket = byMarket(early);
        Map<Market, Map<Integer, String>> lateByMarket = byMarket(late);
        TreeSet<Market> markets = new TreeSet<>(earlyByMarket.keySet());
        markets.addAll(lateByMarket.keySet());
        String earlyHeader = "remaining as of " + early.getAsOf();
        String lateHeader = "remaining as of " + late.getAsOf();
        TextTable table = new TextTable()
                .left("currency")
                .left("direction")
                .left("year")
                .right(earlyHeader)
                .right(lateHeader);
        for (Market market : markets) {
            Map<Integer, String> e = earlyByMarket.getOrDefault(market, Map.of());
            Map<Integer, String> l = lateByMarket.getOrDefault(market, Map.of());
            String zero = zeroLike(e, l);
            TreeSet<Integer> years = new TreeSet<>(e.keySet());
            years.addAll(l.keySet());
            int first = Math.min(FIRST_YEAR, years.isEmpty() ? FIRST_YEAR : years.first());
            int last = Math.max(LAST_YEAR, years.isEmpty() ? LAST_YEAR : years.last());
            for (int year = first; year <= last; year++) {
                table.row(
                        market.currency(),
                        market.direction(),
                        Integer.toString(year),
                        Amounts.grouped(e.getOrDefault(year, zero)),
                        Amounts.grouped(l.getOrDefault(year, zero)));
            }
            table.row(
                    market.currency(),
                    market.direction(),
                    "total",
                    Amounts.grouped(e.isEmpty() ? zero : Amounts.sum(e.values())),
                    Amounts.grouped(l.isEmpty() ? zero : Amounts.sum(l.values())));
        }
        out.print(table.render(INDENT));
        out.println();
    }

    private CounterpartyScheduleView schedule(LocalDate asOf, long minPosition) {
        CounterpartiesApi.APIGetCounterpartyScheduleRequest request =
                CounterpartiesApi.APIGetCounterpartyScheduleRequest.newBuilder()
                        .counterpartyId(ExampleHistory.COREWEAVE)
                        .asOf(asOf)
                        .xLedgerMinPosition(minPosition)
                        .build();
        return ledger.read(
                "GET /api/v1/counterparties/coreweave/schedule as of " + asOf,
                q -> q.counterparties().getCounterpartySchedule(request));
    }

    /** A currency and direction, the unit every amount of a schedule belongs to. */
    private record Market(String currency, String direction) implements Comparable<Market> {
        @Override
        public int compareTo(Market other) {
            int byCurrency = currency.compareTo(other.currency);
            return byCurrency != 0 ? byCurrency : direction.compareTo(other.direction);
        }
    }

    /** A counterparty's row in one currency and direction. */
    private record RowKey(String counterpartyId, String currency, Direction direction) implements Comparable<RowKey> {
        @Override
        public int compareTo(RowKey other) {
            int c = counterpartyId.compareTo(other.counterpartyId);
            c = c != 0 ? c : currency.compareTo(other.currency);
            return c != 0 ? c : direction.compareTo(other.direction);
        }
    }

    private static Map<Market, Map<Integer, String>> byMarket(CounterpartyScheduleView view) {
        Map<Market, Map<Integer, String>> byMarket = new TreeMap<>();
        for (ScheduleRow row : view.getRows()) {
            byMarket.computeIfAbsent(new Market(row.getCurrency(), name(row.getDirection())), k -> new TreeMap<>())
                    .put(row.getYear(), row.getRemaining());
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

    void restatement(Map<String, WriteReceipt> receipts, long minPosition, List<String> failedChecks) {
        List<String> steps = new ArrayList<>(receipts.keySet());
        int index = steps.indexOf(ExampleHistory.AMENDMENT_STEP);
        WriteReceipt amendment = receipts.get(ExampleHistory.AMENDMENT_STEP);
        WriteReceipt before = receipts.get(steps.get(index - 1));
        OffsetDateTime from = before.getRecordedAt();
        OffsetDateTime to = amendment.getRecordedAt();

        RestatementsApi.APIGetRestatementsRequest request = RestatementsApi.APIGetRestatementsRequest.newBuilder()
                .counterpartyId(ExampleHistory.COREWEAVE)
                .asOf(RESTATEMENT_AS_OF)
                .from(from)
                .to(to)
                .xLedgerMinPosition(minPosition)
                .build();
        RestatementView view = ledger.read(
                "GET /api/v1/restatements of CoreWeave around the amendment",
                q -> q.restatements().getRestatements(request));

        out.println("3. Restatement: CoreWeave as of " + view.getAsOf()
                + ", known before and known after the backdated amendment (illustrative correction)");
        out.println(INDENT + "known before: " + instant(view.getFrom()) + "  (recordedAt of " + LedgerWrite.KEY_PREFIX
                + steps.get(index - 1) + ", the last write before the amendment)");
        out.println(INDENT + "known after:  " + instant(view.getTo()) + "  (recordedAt of amendment "
                + ExampleHistory.AMENDMENT + ")");
        out.println();
        out.println(INDENT + "What changed:");
        if (view.getChanges().isEmpty()) {
            out.println(INDENT + INDENT + "(no total changed)");
        } else {
            TextTable changes = new TextTable()
                    .left("currency")
                    .left("direction")
                    .left("field")
                    .right("before")
                    .right("after")
                    .right("change");
            for (RestatementChange c : view.getChanges()) {
                changes.row(
                        c.getCurrency(),
                        name(c.getDirection()),
                        c.getField(),
                        Amounts.grouped(c.getBefore()),
                        Amounts.grouped(c.getAfter()),
                        Amounts.difference(c.getBefore(), c.getAfter()));
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
        for (RestatementCause f : view.getCauses()) {
            String factId = factId(f.getPayload());
            amendmentNamed |= ExampleHistory.AMENDMENT.equals(factId);
            causes.row(
                    f.getKind() == null ? null : f.getKind().getValue(),
                    f.getEventType(),
                    f.getDealId(),
                    factId,
                    f.getEffectiveDate() == null ? null : f.getEffectiveDate().toString(),
                    f.getRecordedAt() == null
                            ? null
                            : instant(f.getRecordedAt()).toString(),
                    f.getActor(),
                    f.getReason());
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

        // The restatement's two sides are the totals an auditor reads with knownAt: checked, not computed again.
        CounterpartyTotalsView knownBefore = totals(RESTATEMENT_AS_OF, from, minPosition);
        CounterpartyTotalsView knownAfter = totals(RESTATEMENT_AS_OF, to, minPosition);
        List<String> disagreements = new ArrayList<>();
        for (RestatementChange c : view.getChanges()) {
            String was = field(knownBefore, c);
            String is = field(knownAfter, c);
            if (!c.getBefore().equals(was) || !c.getAfter().equals(is)) {
                disagreements.add(
                        c.getCurrency() + " " + c.getDirection() + " " + c.getField() + ": " + was + " -> " + is);
            }
        }
        out.println(INDENT + "Every before and after agrees with GET totals as of " + RESTATEMENT_AS_OF
                + " with knownAt " + instant(from) + " and " + instant(to) + ": "
                + (disagreements.isEmpty() ? "OK" : "NO, " + String.join("; ", disagreements)));
        if (!disagreements.isEmpty()) {
            failedChecks.add("the restatement disagrees with the totals read at its two instants: " + disagreements);
        }
        out.println();
    }

    private CounterpartyTotalsView totals(LocalDate asOf, OffsetDateTime knownAt, long minPosition) {
        CounterpartiesApi.APIGetCounterpartyTotalsRequest request =
                CounterpartiesApi.APIGetCounterpartyTotalsRequest.newBuilder()
                        .counterpartyId(ExampleHistory.COREWEAVE)
                        .asOf(asOf)
                        .knownAt(knownAt)
                        .xLedgerMinPosition(minPosition)
                        .build();
        return ledger.read(
                "GET /api/v1/counterparties/coreweave/totals as of " + asOf
                        + (knownAt == null ? "" : " known at " + instant(knownAt)),
                q -> q.counterparties().getCounterpartyTotals(request));
    }

    /** The value of a changed field in a totals read, as the restatement writes it; a row it lacks reads as zero. */
    private static String field(CounterpartyTotalsView view, RestatementChange change) {
        TotalsRow row = view.getTotals().stream()
                .filter(r -> r.getCurrency().equals(change.getCurrency()) && r.getDirection() == change.getDirection())
                .findFirst()
                .orElse(null);
        if (row == null) {
            return null;
        }
        return switch (change.getField()) {
            case "committed" -> row.getCommitted();
            case "elapsed" -> row.getElapsed();
            case "remaining" -> row.getRemaining();
            case "potential" -> row.getPotential();
            case "exposure" -> row.getExposure();
            case "concentration" -> row.getConcentration();
            case "deals" -> String.valueOf(row.getDeals());
            case "commitments" -> String.valueOf(row.getCommitments());
            case "optionsOpen" -> String.valueOf(row.getOptionsOpen());
            case "optionsExercised" -> String.valueOf(row.getOptionsExercised());
            case "amendments" -> String.valueOf(row.getAmendments());
            default -> null;
        };
    }

    /** The id a fact is about: the amendment, commitment or option it records, else its deal. */
    private static String factId(Map<String, Object> payload) {
        if (payload != null) {
            for (String field : List.of("amendmentId", "commitmentId", "optionId")) {
                if (payload.get(field) != null) {
                    return payload.get(field).toString();
                }
            }
        }
        return null;
    }

    private static String name(Direction direction) {
        return direction == null ? null : direction.getValue();
    }

    /** An instant as the services write it, in UTC with a Z. */
    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    void checkCommitted(long minPosition, List<String> failedChecks) {
        CounterpartyTotalsView totals = totals(CHECK_AS_OF, null, minPosition);
        List<String> committed = new ArrayList<>();
        for (TotalsRow row : totals.getTotals()) {
            if (ExampleHistory.EXPECTED_COREWEAVE_CURRENCY.equals(row.getCurrency())) {
                committed.add(row.getCommitted());
            }
        }
        String actual = committed.isEmpty() ? "0.00" : Amounts.sum(committed);
        String expected = ExampleHistory.EXPECTED_COREWEAVE_COMMITTED;
        boolean ok = new BigDecimal(actual).compareTo(new BigDecimal(expected)) == 0;
        String currency = ExampleHistory.EXPECTED_COREWEAVE_CURRENCY;
        out.println("Check: total committed with CoreWeave as of " + totals.getAsOf() + ", after fact 4: "
                + Amounts.grouped(actual) + " " + currency + " (docs/domain.md: " + Amounts.grouped(expected) + " "
                + currency + ") " + (ok ? "OK" : "MISMATCH"));
        if (!ok) {
            failedChecks.add("total committed with CoreWeave is " + actual + " " + currency + ", expected " + expected);
        }
    }
}
