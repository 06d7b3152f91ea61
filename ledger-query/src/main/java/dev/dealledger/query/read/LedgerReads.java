package dev.dealledger.query.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.Direction;
import dev.dealledger.api.view.CauseKind;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DealHistoryView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.FxRateView;
import dev.dealledger.api.view.HistoryFactView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.model.money.ExchangeRateBook;
import dev.dealledger.model.steps.FigureSums;
import dev.dealledger.query.derive.CounterpartyMarket;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.derive.Market;
import dev.dealledger.query.derive.RemainingObligations;
import dev.dealledger.query.derive.RestatementWalk;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.FxRateEntity;
import dev.dealledger.query.readmodel.HistoryEntryEntity;
import dev.dealledger.query.readmodel.PeriodCloseEntity;
import dev.dealledger.query.readmodel.PeriodCloseQueries;
import dev.dealledger.query.readmodel.ReadModelQueries;
import dev.dealledger.query.readmodel.ReadModelSession;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds every read view from the read-model tables at one (asOf, knownAt). */
@ApplicationScoped
public class LedgerReads {

    @Inject
    ReadModelSession sessions;

    @Inject
    MeterRegistry registry;

    @Inject
    ExpensiveReads expensive;

    /**
     * How many causes one restatement lists at most; past it, the lowest positions are listed and the answer says
     * {@code causesTruncated}. The totals, changes and bridges are always computed from every cause.
     */
    @ConfigProperty(name = "ledger.read.restatement.max-causes", defaultValue = "1000")
    int maxRestatementCauses;

    /** The most commitment facts one restatement walks; a larger window is refused (422), not run out of memory. */
    @ConfigProperty(name = "ledger.read.restatement.max-facts", defaultValue = "50000")
    long maxRestatementFacts;

    /** How many (counterparty, currency, direction) totals the kept ledger-wide answers may hold; 0 keeps none. */
    @ConfigProperty(name = "ledger.read.figures-cache.max-keys", defaultValue = "20000")
    long figuresCacheMaxKeys;

    private final ObjectMapper json = new ObjectMapper();

    private FiguresCache figuresCache;
    private KeptAnswers<List<ScheduleView.Row>> schedules;

    @PostConstruct
    void init() {
        figuresCache = new FiguresCache(figuresCacheMaxKeys, expensive)
                .countedAs(
                        registry,
                        "ledger.read.figures",
                        "Ledger-wide figures by how they were obtained: computed from the facts, kept, or kept after"
                                + " checking the change journal");
        schedules = new KeptAnswers<List<ScheduleView.Row>>("schedule", figuresCacheMaxKeys, List::size, expensive)
                .countedAs(
                        registry,
                        "ledger.read.schedules",
                        "Schedules by how they were obtained: computed from the facts, kept, or kept after checking"
                                + " the change journal");
    }

    /** Every read answers from one snapshot of the read model; this is each read's first call. */
    ReadModelQueries queries() {
        return new ReadModelQueries(sessions.get()).oneSnapshot();
    }

    /**
     * The ledger-wide totals at (asOf, knownAt): kept ones while the projection's change journal proves them current
     * ({@link FiguresCache}), otherwise folded from streamed facts (memory for the totals only).
     */
    LedgerFigures figures(ReadModelQueries q, LocalDate asOf, Instant knownAt) {
        return figuresCache
                .figures(asOf, knownAt, q.changeJournal(), () -> summedFromPoints(q, asOf, knownAt))
                .figures();
    }

    /**
     * The ledger-wide totals summed from each fact's own step (docs/adr/0007): the database adds up the figure points
     * visible at (asOf, knownAt) per key, and no commitment is derived again. Remaining by year is not among them; the
     * reads that need it fold the facts of one counterparty.
     */
    private static LedgerFigures summedFromPoints(ReadModelQueries q, LocalDate asOf, Instant knownAt) {
        Map<CounterpartyMarket, FigureTotals> totals = new HashMap<>();
        q.figurePointSums(asOf, knownAt)
                .forEach(s -> totals.put(
                        new CounterpartyMarket(s.counterpartyId(), s.currency(), s.direction()),
                        s.sums().at(asOf)));
        return LedgerFigures.summed(asOf, totals);
    }

    @Transactional
    public CounterpartyTotalsView totals(String counterpartyId, LocalDate asOf, Instant knownAt) {
        return totals(counterpartyId, asOf, knownAt, null);
    }

    /** With {@code reportingCurrency}, each row also carries its figures in that currency (null: none). */
    @Transactional
    public CounterpartyTotalsView totals(
            String counterpartyId, LocalDate asOf, Instant knownAt, String reportingCurrency) {
        ReadModelQueries q = queries();
        q.counterparty(counterpartyId)
                .orElseThrow(() -> new NotRecorded("no counterparty '" + counterpartyId + "' is registered"));
        LedgerFigures figures = figures(q, asOf, knownAt);
        ReportingCurrency reporting = ReportingCurrency.of(reportingCurrency, q, figures, asOf, knownAt);
        List<TotalsRowView> rows = rowsOf(figures, counterpartyId);
        if (reporting != null) {
            rows = rows.stream()
                    .map(r -> r.withReporting(
                            reporting.row(new CounterpartyMarket(counterpartyId, r.currency(), r.direction()))))
                    .toList();
        }
        return new CounterpartyTotalsView(
                counterpartyId, q.legalNameKnownAt(counterpartyId, knownAt).orElse(null), asOf, knownAt, rows);
    }

    static List<TotalsRowView> rowsOf(LedgerFigures figures, String counterpartyId) {
        List<TotalsRowView> rows = new ArrayList<>();
        figures.totals().forEach((key, totals) -> {
            if (key.counterpartyId().equals(counterpartyId)) {
                rows.add(row(figures, key, totals));
            }
        });
        return rows;
    }

    static TotalsRowView row(LedgerFigures figures, CounterpartyMarket key, FigureTotals t) {
        String c = key.currency();
        return new TotalsRowView(
                c,
                key.direction(),
                money(t.committedMinor(), c),
                money(t.elapsedMinor(), c),
                money(t.remainingMinor(), c),
                money(t.potentialMinor(), c),
                money(t.exposureMinor(), c),
                figures.concentration(key).toPlainString(),
                t.deals(),
                t.commitments(),
                t.optionsOpen(),
                t.optionsExercised(),
                t.amendments());
    }

    @Transactional
    public ExposureView exposure(Page page, Direction direction, String currency, int limit) {
        return exposure(page, direction, currency, limit, null);
    }

    /** With {@code reportingCurrency}, each row also carries its figures in that currency (null: none). */
    @Transactional
    public ExposureView exposure(Page page, Direction direction, String currency, int limit, String reportingCurrency) {
        LocalDate asOf = page.asOf();
        Instant knownAt = page.knownAt();
        ReadModelQueries q = queries();
        LedgerFigures figures = figures(q, asOf, knownAt);
        ReportingCurrency reporting = ReportingCurrency.of(reportingCurrency, q, figures, asOf, knownAt);
        Map<String, String> names = q.legalNamesKnownAt(knownAt);
        String after = page.after();
        List<ExposureRowView> rows = new ArrayList<>();
        String next = null;
        for (Map.Entry<CounterpartyMarket, FigureTotals> e : figures.totals().entrySet()) {
            CounterpartyMarket key = e.getKey();
            if (direction != null && key.direction() != direction) {
                continue;
            }
            if (currency != null && !key.currency().equals(currency)) {
                continue;
            }
            String sortKey = cursorOf(key);
            if (after != null && sortKey.compareTo(after) <= 0) {
                continue;
            }
            if (rows.size() == limit) {
                next = page.next(cursorOf(keyOf(rows.get(rows.size() - 1))));
                break;
            }
            TotalsRowView row = row(figures, key, e.getValue());
            rows.add(ExposureRowView.of(
                    key.counterpartyId(),
                    names.get(key.counterpartyId()),
                    reporting == null ? row : row.withReporting(reporting.row(key))));
        }
        return new ExposureView(asOf, knownAt, rows, next);
    }

    private static CounterpartyMarket keyOf(ExposureRowView row) {
        return new CounterpartyMarket(row.counterpartyId(), row.currency(), row.direction());
    }

    /** Sorts like {@link CounterpartyMarket}: counterparty, currency, direction; the separator sorts before any id character. */
    private static String cursorOf(CounterpartyMarket key) {
        return key.counterpartyId() + "\u0001" + key.currency() + "\u0001"
                + key.direction().name();
    }

    @Transactional
    public ScheduleView schedule(String counterpartyId, LocalDate asOf, Instant knownAt) {
        return schedule(counterpartyId, asOf, knownAt, null);
    }

    /** With {@code reportingCurrency}, each year's remaining is also converted on its own (null: none). */
    @Transactional
    public ScheduleView schedule(String counterpartyId, LocalDate asOf, Instant knownAt, String reportingCurrency) {
        ReadModelQueries q = queries();
        q.counterparty(counterpartyId)
                .orElseThrow(() -> new NotRecorded("no counterparty '" + counterpartyId + "' is registered"));
        List<ScheduleView.Row> rows = schedules
                .answer(
                        new ScheduleRead(counterpartyId, asOf, reportingCurrency),
                        knownAt,
                        q.changeJournal(),
                        () -> scheduleRows(q, counterpartyId, asOf, knownAt, reportingCurrency))
                .value();
        return new ScheduleView(counterpartyId, asOf, knownAt, rows);
    }

    /** Everything a schedule depends on but knownAt ({@link KeptAnswers}). */
    private record ScheduleRead(String counterpartyId, LocalDate asOf, String reportingCurrency) {}

    /**
     * Unlike its totals, a counterparty's remaining by year needs no market sum: it is folded from the counterparty's
     * own commitment facts (its index), not the ledger's, and kept like the ledger-wide figures.
     */
    private static List<ScheduleView.Row> scheduleRows(
            ReadModelQueries q, String counterpartyId, LocalDate asOf, Instant knownAt, String reportingCurrency) {
        RemainingObligations remaining = RemainingObligations.byYear(asOf);
        q.withCommitmentFactsByCommitment(asOf, knownAt, counterpartyId, null, remaining::fold);
        return scheduleRows(remaining, ReportingCurrency.ofAmounts(reportingCurrency, q, asOf, knownAt));
    }

    /** A schedule's rows: each key's remaining by calendar year, also converted when {@code reporting} is not null. */
    static List<ScheduleView.Row> scheduleRows(RemainingObligations remaining, ReportingCurrency reporting) {
        List<ScheduleView.Row> rows = new ArrayList<>();
        remaining
                .byKey()
                .forEach((key, r) -> r.byYearMinor()
                        .forEach((year, minor) -> rows.add(new ScheduleView.Row(
                                key.currency(),
                                key.direction(),
                                year,
                                money(minor, key.currency()),
                                reporting == null ? null : reporting.remaining(key.currency(), minor)))));
        return List.copyOf(rows);
    }

    /**
     * The rate of one pair in force at (asOf, knownAt), as recorded (never inverted), and the fact it comes from
     * (docs/domain.md, "Reporting currency").
     */
    @Transactional
    public FxRateView fxRate(String baseCurrency, String quoteCurrency, LocalDate asOf, Instant knownAt) {
        ReadModelQueries q = queries();
        List<FxRateEntity> known = q.fxRatesOf(baseCurrency, quoteCurrency, asOf, knownAt);
        Map<Long, FxRateEntity> byPosition = new HashMap<>();
        known.forEach(r -> byPosition.put(r.position, r));
        ExchangeRateBook.RateFact inForce = ExchangeRateBook.of(
                        asOf, known.stream().map(ReportingCurrency::fact).toList())
                .inForce(baseCurrency, quoteCurrency)
                .orElseThrow(() -> new NotRecorded("no exchange rate " + baseCurrency + "/" + quoteCurrency
                        + " dated on or before " + asOf + " is recorded as known at " + knownAt));
        FxRateEntity fact = byPosition.get(inForce.position());
        return new FxRateView(
                baseCurrency,
                quoteCurrency,
                asOf,
                knownAt,
                fact.rate,
                fact.rateDate,
                fact.source,
                fact.position,
                fact.recordedAt);
    }

    @Transactional
    public DealView deal(String dealId, LocalDate asOf, Instant knownAt) {
        ReadModelQueries q = queries();
        DealEntity deal = q.deal(dealId).orElseThrow(() -> new NotRecorded("no deal '" + dealId + "' is recorded"));
        if (deal.recordedAt.isAfter(knownAt)) {
            throw new NotRecorded("deal '" + dealId + "' was not yet recorded at " + knownAt);
        }
        LedgerFigures figures = LedgerFigures.derive(
                asOf,
                q.dealsOfDeal(dealId, asOf, knownAt),
                q.commitmentFactsOfDeal(dealId, asOf, knownAt),
                q.optionFactsOfDeal(dealId, asOf, knownAt));
        String c = deal.currency;
        List<DealView.Commitment> commitments = new ArrayList<>();
        figures.commitments()
                .values()
                .forEach(f -> commitments.add(new DealView.Commitment(
                        f.recorded().commitmentId,
                        f.recorded().resource,
                        f.recorded().termStart,
                        f.termEnd(),
                        f.recorded().effectiveDate,
                        money(f.figures().committedMinor(), c),
                        money(f.figures().elapsedMinor(), c),
                        money(f.figures().remainingMinor(), c),
                        f.amendments(),
                        f.timeline().terminatedOn(),
                        f.recorded().fromOptionId)));
        List<DealView.Option> options = new ArrayList<>();
        figures.options()
                .values()
                .forEach(o -> options.add(new DealView.Option(
                        o.granted().optionId,
                        money(o.granted().amountMinor, c),
                        o.granted().exercisableFrom,
                        o.granted().expiresOn,
                        o.granted().effectiveDate,
                        o.exercise() != null
                                ? DealView.OptionStatus.EXERCISED
                                : o.expired(asOf) ? DealView.OptionStatus.EXPIRED : DealView.OptionStatus.OPEN,
                        money(o.potentialMinor(), c),
                        o.exercise() == null ? null : o.exercise().commitmentId)));
        return new DealView(
                deal.dealId,
                deal.agreementId,
                deal.counterpartyId,
                deal.direction,
                deal.currency,
                deal.title,
                deal.signedOn,
                deal.sourceReference,
                deal.sourceDocumentSha256,
                asOf,
                knownAt,
                commitments,
                options);
    }

    @Transactional
    public DealHistoryView history(String dealId, Page pinned, int limit) {
        LocalDate asOf = pinned.asOf();
        Instant knownAt = pinned.knownAt();
        ReadModelQueries q = queries();
        q.deal(dealId).orElseThrow(() -> new NotRecorded("no deal '" + dealId + "' is recorded"));
        long after = 0;
        if (pinned.after() != null) {
            try {
                after = Long.parseLong(pinned.after());
            } catch (NumberFormatException e) {
                throw new MalformedRead("cursor", "cursor is not one this service issued");
            }
        }
        List<HistoryEntryEntity> page = q.history(dealId, asOf, knownAt, after, limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = pinned.next(Long.toString(page.get(limit - 1).position));
        }
        List<PeriodCloseEntity> closes = new PeriodCloseQueries(sessions.get()).closes(knownAt);
        return new DealHistoryView(
                dealId,
                asOf,
                knownAt,
                page.stream()
                        .map(h -> PeriodReads.flagPostCloseAdjustment(fact(h), closes))
                        .toList(),
                next);
    }

    /**
     * The counterparty's totals at asOf as known at {@code from} and at {@code to}, every field that differs, and the
     * facts recorded in between whose own step moved it (docs/domain.md, "Restatement causes"; {@link
     * RestatementWalk}). The walk's end is checked against the totals derived at {@code to} on their own.
     */
    @Transactional
    public RestatementView restatement(String counterpartyId, LocalDate asOf, Instant from, Instant to) {
        return restatement(counterpartyId, asOf, from, to, null);
    }

    /**
     * With {@code reportingCurrency}, each row also compares its converted figures, and rate facts are causes too
     * (null: none).
     */
    @Transactional
    public RestatementView restatement(
            String counterpartyId, LocalDate asOf, Instant from, Instant to, String reportingCurrency) {
        ReadModelQueries q = queries();
        q.counterparty(counterpartyId)
                .orElseThrow(() -> new NotRecorded("no counterparty '" + counterpartyId + "' is registered"));
        // The walk loads every fact recorded in (from, to]: one expensive read, shared by identical ones running.
        // Every fact, rates included, moves the change journal's version.
        long version = q.changeJournal().current().version();
        return expensive.compute(
                new RestatementKey(counterpartyId, asOf, from, to, reportingCurrency, version),
                () -> restated(
                                q,
                                counterpartyId,
                                new Window(asOf, from, to, figures(q, asOf, from), figures(q, asOf, to), null),
                                reportingCurrency,
                                true)
                        .view());
    }

    /** What a restatement's answer depends on: the same key at the same journal version is the same answer. */
    private record RestatementKey(
            String counterpartyId, LocalDate asOf, Instant from, Instant to, String reportingCurrency, long version) {}

    /** A restatement's answer and the walk it comes from (a period's adjustments need each cause's own effect). */
    record Restated(RestatementWalk.Outcome outcome, RestatementView view) {}

    /**
     * What every counterparty's restatement over one window reads alike: the figures at both ends, and every figure
     * point recorded in between when read once for many (a period's adjustments walk each counterparty over the same
     * window), or null for a restatement that reads only its own counterparty's.
     */
    record Window(
            LocalDate asOf,
            Instant from,
            Instant to,
            LedgerFigures before,
            LedgerFigures after,
            List<ReadModelQueries.WindowPoint> points) {}

    /**
     * The window (from, to] at asOf, every direction and currency, for a caller that walks all of it.
     *
     * @throws RestatementTooLarge once its points hold more positions than one restatement walks: read all at once,
     *     a period closed long before `to` on a busy ledger would run the heap out
     */
    Window window(ReadModelQueries q, LocalDate asOf, Instant from, Instant to) {
        List<ReadModelQueries.WindowPoint> points =
                q.withFigurePointsRecordedBetween(null, null, EnumSet.allOf(Direction.class), asOf, from, to, rows -> {
                    List<ReadModelQueries.WindowPoint> all = new ArrayList<>();
                    Set<Long> positions = new HashSet<>();
                    for (Iterator<ReadModelQueries.WindowPoint> it = rows.iterator(); it.hasNext(); ) {
                        ReadModelQueries.WindowPoint p = it.next();
                        admit(positions, p.position());
                        all.add(p);
                    }
                    return all;
                });
        return new Window(asOf, from, to, figures(q, asOf, from), figures(q, asOf, to), points);
    }

    /** Counts {@code position} into a window's {@code positions}, and refuses the read once they are too many. */
    private void admit(Set<Long> positions, long position) {
        if (positions.add(position) && positions.size() > maxRestatementFacts) {
            throw new RestatementTooLarge(maxRestatementFacts);
        }
    }

    /** The most positions one restatement, or one period's adjustments, walks. */
    long maxRestatementFacts() {
        return maxRestatementFacts;
    }

    /** One counterparty's restatement over a window read once for many, unbounded. */
    Restated restated(ReadModelQueries q, String counterpartyId, Window window) {
        return restated(q, counterpartyId, window, null, false);
    }

    private Restated restated(
            ReadModelQueries q, String counterpartyId, Window window, String reportingCurrency, boolean bounded) {
        LocalDate asOf = window.asOf();
        Instant from = window.from();
        Instant to = window.to();
        LedgerFigures before = window.before();
        LedgerFigures after = window.after();
        // Both ends must read in the reporting currency on their own: a missing rate at either is 422, as the totals
        // at that instant would be.
        ReportingCurrency reportingBefore = ReportingCurrency.of(reportingCurrency, q, before, asOf, from);
        ReportingCurrency reportingAfter = ReportingCurrency.of(reportingCurrency, q, after, asOf, to);

        // The counterparty's markets are those where it has a figure at (asOf, to): a figure point is never taken
        // back, so in a market where it has none at `to` it had none at any instant in between either.
        Set<Market> markets = new HashSet<>();
        after.totals().keySet().forEach(k -> {
            if (k.counterpartyId().equals(counterpartyId)) {
                markets.add(k.market());
            }
        });
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        markets.forEach(m -> directions.add(m.direction()));
        Set<String> currencies = new TreeSet<>();
        markets.forEach(m -> currencies.add(m.currency()));
        List<FxRateEntity> rateSteps = new ArrayList<>();
        RestatementWalk.Reporting reporting = null;
        if (reportingCurrency != null) {
            List<ExchangeRateBook.RateFact> knownAtFrom = new ArrayList<>();
            for (FxRateEntity r : q.fxRatesWith(reportingCurrency, asOf, to)) {
                if (r.recordedAt.isAfter(from)) {
                    rateSteps.add(r);
                } else {
                    knownAtFrom.add(ReportingCurrency.fact(r));
                }
            }
            reporting = new RestatementWalk.Reporting(Currencies.parse(reportingCurrency), knownAtFrom);
        }

        RestatementWalk walk = new RestatementWalk(counterpartyId, asOf, before, reporting);
        if (reportingBefore != null) {
            Map<CounterpartyMarket, Map<String, String>> derivedAtFrom =
                    sideOf(counterpartyId, before, reportingBefore);
            if (!derivedAtFrom.equals(walk.before())) {
                throw new IllegalStateException("restatement of " + counterpartyId + " at " + asOf + " starts at "
                        + walk.before() + " but the totals at " + from + " are " + derivedAtFrom);
            }
        }
        // Each position's own step, from the figure points recorded in (from, to]. Other counterparties' facts move
        // this one's concentration: in its own markets, or, once converted, in any currency of its directions. A
        // restatement asked for is bounded here; a period's window was bounded once for all its counterparties, when
        // it was read (window).
        boolean converting = reportingCurrency != null;
        Function<Stream<ReadModelQueries.WindowPoint>, List<ReadModelQueries.WindowPoint>> keep = rows -> {
            List<ReadModelQueries.WindowPoint> kept = new ArrayList<>();
            Set<Long> positions = new HashSet<>();
            for (Iterator<ReadModelQueries.WindowPoint> it = rows.iterator(); it.hasNext(); ) {
                ReadModelQueries.WindowPoint p = it.next();
                if (!converting && !markets.contains(new Market(p.currency(), p.direction()))) {
                    continue;
                }
                kept.add(p);
                if (bounded) {
                    admit(positions, p.position());
                }
            }
            return kept;
        };
        List<ReadModelQueries.WindowPoint> points = window.points() != null
                ? keep.apply(window.points().stream())
                : q.withFigurePointsRecordedBetween(
                        counterpartyId, converting ? null : currencies, directions, asOf, from, to, keep);
        steps(points, rateSteps, asOf).forEach(walk::apply);
        RestatementWalk.Outcome outcome = walk.outcome(positions -> ownKinds(q, counterpartyId, from, to, positions));
        Map<CounterpartyMarket, Map<String, String>> derivedAtTo = sideOf(counterpartyId, after, reportingAfter);
        if (!derivedAtTo.equals(outcome.after())) {
            throw new IllegalStateException("restatement of " + counterpartyId + " at " + asOf + " from " + from
                    + " to " + to + " ends at " + outcome.after() + " but the totals at " + to + " are " + derivedAtTo);
        }

        // Past the bound, list the earliest causes only, in the changes too, so that every listed position is
        // described in `causes`; the bridges still sum every cause.
        List<Long> positions = new ArrayList<>(new TreeSet<>(outcome.causes().keySet()));
        boolean truncated = positions.size() > maxRestatementCauses;
        List<Long> listed = truncated ? List.copyOf(positions.subList(0, maxRestatementCauses)) : positions;
        long lastListed = listed.isEmpty() ? Long.MIN_VALUE : listed.get(listed.size() - 1);
        List<RestatementView.Change> changes = outcome.changes().stream()
                .map(c -> new RestatementView.Change(
                        c.key().currency(),
                        c.key().direction(),
                        c.field(),
                        c.before(),
                        c.after(),
                        truncated
                                ? c.causes().stream()
                                        .filter(p -> p <= lastListed)
                                        .toList()
                                : c.causes(),
                        c.bridge().entrySet().stream()
                                .map(e -> new RestatementView.BridgeLine(
                                        e.getKey().wire(), e.getValue()))
                                .toList()))
                .toList();
        Map<Long, HistoryEntryEntity> history = new HashMap<>();
        q.historyAt(listed).forEach(h -> history.put(h.position, h));
        Map<Long, FxRateEntity> rateFacts = new HashMap<>();
        rateSteps.forEach(r -> rateFacts.put(r.position, r));
        List<RestatementView.Cause> causes = new ArrayList<>();
        for (long position : listed) {
            CauseKind kind = outcome.causes().get(position);
            HistoryEntryEntity h = history.get(position);
            if (h != null) {
                causes.add(cause(h, kind));
            } else if (rateFacts.containsKey(position)) {
                causes.add(rateCause(rateFacts.get(position)));
            } else {
                throw new IllegalStateException("cause at position " + position + " of the restatement of "
                        + counterpartyId + " has no history entry");
            }
        }
        return new Restated(
                outcome,
                new RestatementView(counterpartyId, asOf, from, to, to, changes, causes, truncated, reportingCurrency));
    }

    /** The counterparty's rows at one end as the other reads derive them, in the walk's terms. */
    private static Map<CounterpartyMarket, Map<String, String>> sideOf(
            String counterpartyId, LedgerFigures figures, ReportingCurrency reporting) {
        Map<CounterpartyMarket, Map<String, String>> side = new TreeMap<>();
        figures.totals().forEach((key, totals) -> {
            if (key.counterpartyId().equals(counterpartyId)) {
                Map<String, String> f = RestatementWalk.fields(key.currency(), totals, figures.concentration(key));
                if (reporting != null) {
                    RestatementWalk.putReporting(f, reporting.figures(key), reporting.concentration(key));
                }
                side.put(key, f);
            }
        });
        return side;
    }

    /**
     * A rate fact as a cause, for a read model projected before rate facts had history entries: the same fields,
     * without the actor and reason, which only the history keeps.
     */
    private RestatementView.Cause rateCause(FxRateEntity r) {
        return new RestatementView.Cause(
                r.position,
                CauseKind.FX_RATE.wire(),
                null,
                null,
                "ExchangeRateRecordedEvent",
                r.rateDate,
                r.recordedAt,
                null,
                null,
                null,
                json.valueToTree(Map.of(
                        "baseCurrency", r.baseCurrency,
                        "quoteCurrency", r.quoteCurrency,
                        "rateDate", r.rateDate.toString(),
                        "rate", r.rate,
                        "source", r.source)));
    }

    /**
     * The window's steps in ascending position: each position's points summed per key and read at asOf (its own
     * step), and each rate fact on its own.
     */
    private static List<RestatementWalk.Step> steps(
            List<ReadModelQueries.WindowPoint> points, List<FxRateEntity> rates, LocalDate asOf) {
        List<ReadModelQueries.WindowPoint> inOrder = new ArrayList<>(points);
        inOrder.sort(Comparator.comparingLong(ReadModelQueries.WindowPoint::position));
        List<RestatementWalk.Step> steps = new ArrayList<>();
        int rate = 0;
        for (int i = 0; i < inOrder.size(); ) {
            long position = inOrder.get(i).position();
            for (; rate < rates.size() && rates.get(rate).position < position; rate++) {
                steps.add(rateStep(rates.get(rate)));
            }
            // A position's points are one fact's (an exercise's two), nearly always of one key.
            List<CounterpartyMarket> keys = new ArrayList<>(2);
            List<FigureSums> sums = new ArrayList<>(2);
            for (; i < inOrder.size() && inOrder.get(i).position() == position; i++) {
                ReadModelQueries.WindowPoint p = inOrder.get(i);
                int at = keys.size() - 1;
                while (at >= 0 && !isKeyOf(keys.get(at), p)) {
                    at--;
                }
                if (at < 0) {
                    keys.add(new CounterpartyMarket(p.counterpartyId(), p.currency(), p.direction()));
                    sums.add(new FigureSums());
                    at = keys.size() - 1;
                }
                sums.get(at).add(p.point());
            }
            List<RestatementWalk.Move> moves = new ArrayList<>(keys.size());
            for (int k = 0; k < keys.size(); k++) {
                moves.add(new RestatementWalk.Move(keys.get(k), sums.get(k).at(asOf)));
            }
            steps.add(new RestatementWalk.Step(position, keys.get(0).counterpartyId(), moves, List.of()));
        }
        for (; rate < rates.size(); rate++) {
            steps.add(rateStep(rates.get(rate)));
        }
        return steps;
    }

    private static boolean isKeyOf(CounterpartyMarket key, ReadModelQueries.WindowPoint p) {
        return key.direction() == p.direction()
                && key.currency().equals(p.currency())
                && key.counterpartyId().equals(p.counterpartyId());
    }

    private static RestatementWalk.Step rateStep(FxRateEntity r) {
        return new RestatementWalk.Step(r.position, null, List.of(), List.of(ReportingCurrency.fact(r)));
    }

    /**
     * The kind of each of the counterparty's own positions asked for, from what the history says was recorded there:
     * its events in the window, read by its index in one range.
     */
    private static Map<Long, CauseKind> ownKinds(
            ReadModelQueries q, String counterpartyId, Instant from, Instant to, List<Long> positions) {
        Set<Long> asked = new HashSet<>(positions);
        Map<Long, CauseKind> kinds = new HashMap<>();
        for (ReadModelQueries.RecordedEvent e : q.recordedEventsOf(counterpartyId, from, to)) {
            if (asked.contains(e.position())) {
                kinds.put(e.position(), RestatementWalk.ownKind(e.eventType(), e.effectiveDate(), e.recordedAt()));
            }
        }
        return kinds;
    }

    private RestatementView.Cause cause(HistoryEntryEntity h, CauseKind kind) {
        HistoryFactView f = fact(h);
        return new RestatementView.Cause(
                f.position(),
                kind.wire(),
                h.counterpartyId,
                f.dealId(),
                f.eventType(),
                f.effectiveDate(),
                f.recordedAt(),
                f.actor(),
                f.reason(),
                f.sourceReference(),
                f.payload());
    }

    HistoryFactView fact(HistoryEntryEntity h) {
        JsonNode payload;
        try {
            payload = json.readTree(h.payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload of position " + h.position + " is not JSON", e);
        }
        return new HistoryFactView(
                h.position,
                h.dealId,
                h.eventType,
                h.effectiveDate,
                h.recordedAt,
                h.actor,
                h.reason,
                h.sourceReference,
                h.sourceDocumentSha256,
                payload);
    }

    static String money(long minor, String currency) {
        return money(BigInteger.valueOf(minor), currency);
    }

    static String money(BigInteger minor, String currency) {
        return new BigDecimal(minor, Currencies.minorDigits(Currencies.parse(currency))).toPlainString();
    }
}
