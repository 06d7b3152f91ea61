package dev.dealledger.query.read;

import dev.dealledger.api.Direction;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.model.figures.DisclosureSchedule;
import dev.dealledger.model.figures.DisclosureSchedule.Band;
import dev.dealledger.model.money.ConversionRate;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.model.money.ExchangeRateBook;
import dev.dealledger.query.derive.RemainingObligations;
import dev.dealledger.query.readmodel.ReadModelQueries;
import dev.dealledger.query.readmodel.ReadModelSession;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The disclosure schedules of docs/domain.md ("Financial reporting"): the remaining installments of one direction,
 * optionally of one counterparty or currency, by fiscal year and by time band. It folds the visible commitment facts of
 * the ledger (or of the one counterparty) on one snapshot, like the ledger-wide totals, so it is an expensive read
 * ({@link ExpensiveReads}), and its answers are kept like theirs ({@link KeptAnswers}): the console's counterparty view
 * reads one on every visit, and at a million events the fold alone took longer than the view may (docs/benchmarks.md).
 */
@ApplicationScoped
public class Disclosures {

    /** How a fiscal year end is written, in requests and answers. */
    public static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

    @Inject
    ReadModelSession sessions;

    @Inject
    ExpensiveReads expensive;

    @Inject
    MeterRegistry registry;

    /** The same setting as the ledger-wide figures' bound, applied to disclosures on their own: one per currency row. */
    @ConfigProperty(name = "ledger.read.figures-cache.max-keys", defaultValue = "20000")
    long maxKeptRows;

    private KeptAnswers<DisclosureView> kept;

    private KeptAnswers<CounterpartyObligations> keptObligations;

    @PostConstruct
    void init() {
        kept = new KeptAnswers<DisclosureView>(
                        "disclosure", maxKeptRows, v -> v.rows().size(), expensive)
                .countedAs(
                        registry,
                        "ledger.read.disclosures",
                        "Disclosure schedules by how they were obtained: computed from the facts, kept, or kept after"
                                + " checking the change journal");
        keptObligations = new KeptAnswers<CounterpartyObligations>(
                        "counterparty-obligations",
                        maxKeptRows,
                        v -> v.schedule().rows().size()
                                + v.disclosures().values().stream()
                                        .mapToInt(d -> d.rows().size())
                                        .sum(),
                        expensive)
                .countedAs(
                        registry,
                        "ledger.read.counterparty-obligations",
                        "A counterparty's remaining by year and disclosures, read together by the console: computed"
                                + " from the facts, kept, or kept after checking the change journal");
    }

    /** Everything the answer depends on. */
    private record Read(
            Direction direction,
            String counterpartyId,
            String currency,
            LocalDate asOf,
            Instant knownAt,
            MonthDay fiscalYearEnd,
            String reportingCurrency) {}

    @Transactional
    public DisclosureView obligations(
            Direction direction,
            String counterpartyId,
            String currency,
            LocalDate asOf,
            Instant knownAt,
            MonthDay fiscalYearEnd,
            String reportingCurrency) {
        Read read = new Read(direction, counterpartyId, currency, asOf, knownAt, fiscalYearEnd, reportingCurrency);
        ReadModelQueries q = new ReadModelQueries(sessions.get()).oneSnapshot();
        // Kept under everything but knownAt, which the journal check decides on; identical reads in flight share one
        // fold.
        Read withoutKnownAt =
                new Read(direction, counterpartyId, currency, asOf, null, fiscalYearEnd, reportingCurrency);
        DisclosureView view = kept.answer(withoutKnownAt, knownAt, q.changeJournal(), () -> fold(q, read))
                .value();
        // An answer kept from another knownAt that saw the same facts: the same rows, at this read's knownAt.
        return atKnownAt(view, knownAt);
    }

    private static DisclosureView atKnownAt(DisclosureView view, Instant knownAt) {
        return view.knownAt().equals(knownAt)
                ? view
                : new DisclosureView(
                        view.direction(),
                        view.counterpartyId(),
                        view.currency(),
                        view.asOf(),
                        knownAt,
                        view.fiscalYearEnd(),
                        view.rows(),
                        view.reportingCurrency());
    }

    private DisclosureView fold(ReadModelQueries q, Read read) {
        if (read.counterpartyId() != null) {
            registered(q, read.counterpartyId());
        }
        RemainingObligations remaining = RemainingObligations.disclosed(read.asOf(), read.fiscalYearEnd());
        q.withCommitmentFactsByCommitment(
                read.asOf(), read.knownAt(), read.counterpartyId(), read.direction(), remaining::fold);
        return view(q, read, remaining);
    }

    private static void registered(ReadModelQueries q, String counterpartyId) {
        q.counterparty(counterpartyId)
                .orElseThrow(() -> new NotRecorded("no counterparty '" + counterpartyId + "' is registered"));
    }

    /** The disclosure {@code read} asks for, from the remaining obligations of every key folded. */
    private static DisclosureView view(ReadModelQueries q, Read read, RemainingObligations remaining) {
        Map<String, DisclosureSchedule> byCurrency = new TreeMap<>();
        remaining.byKey().forEach((key, r) -> {
            if (key.direction() == read.direction()
                    && (read.currency() == null || read.currency().equals(key.currency()))) {
                byCurrency
                        .computeIfAbsent(key.currency(), k -> new DisclosureSchedule(read.asOf(), read.fiscalYearEnd()))
                        .addAll(r.disclosure());
            }
        });
        List<DisclosureView.Row> rows = new ArrayList<>();
        if (read.reportingCurrency() == null) {
            byCurrency.forEach((currency, s) -> rows.add(row(currency, s)));
        } else if (!byCurrency.isEmpty()) {
            rows.add(converted(q, read, byCurrency));
        }
        return new DisclosureView(
                read.direction(),
                read.counterpartyId(),
                read.currency(),
                read.asOf(),
                read.knownAt(),
                MONTH_DAY.format(read.fiscalYearEnd()),
                rows,
                read.reportingCurrency());
    }

    /**
     * A counterparty's remaining by year and its disclosure of each direction, as {@link LedgerReads#schedule} and
     * {@link #obligations} answer them, from one pass over its facts: the console's counterparty view shows all three,
     * and reading the facts once per shape was most of that view's time on a large counterparty.
     */
    public record CounterpartyObligations(ScheduleView schedule, Map<Direction, DisclosureView> disclosures) {

        /** The same rows at {@code knownAt}: an answer kept from another knownAt that saw the same facts. */
        CounterpartyObligations atKnownAt(Instant knownAt) {
            if (schedule.knownAt().equals(knownAt)) {
                return this;
            }
            Map<Direction, DisclosureView> restamped = new EnumMap<>(Direction.class);
            disclosures.forEach((direction, d) -> restamped.put(direction, Disclosures.atKnownAt(d, knownAt)));
            return new CounterpartyObligations(
                    new ScheduleView(schedule.counterpartyId(), schedule.asOf(), knownAt, schedule.rows()),
                    Collections.unmodifiableMap(restamped));
        }
    }

    /** Everything a counterparty's obligations depend on but knownAt ({@link KeptAnswers}). */
    private record CounterpartyRead(String counterpartyId, LocalDate asOf, MonthDay fiscalYearEnd) {}

    @Transactional
    public CounterpartyObligations ofCounterparty(
            String counterpartyId, LocalDate asOf, Instant knownAt, MonthDay fiscalYearEnd) {
        ReadModelQueries q = new ReadModelQueries(sessions.get()).oneSnapshot();
        registered(q, counterpartyId);
        return keptObligations
                .answer(new CounterpartyRead(counterpartyId, asOf, fiscalYearEnd), knownAt, q.changeJournal(), () -> {
                    RemainingObligations remaining = RemainingObligations.both(asOf, fiscalYearEnd);
                    q.withCommitmentFactsByCommitment(asOf, knownAt, counterpartyId, null, remaining::fold);
                    return obligations(q, counterpartyId, asOf, knownAt, fiscalYearEnd, remaining);
                })
                .value()
                .atKnownAt(knownAt);
    }

    private static CounterpartyObligations obligations(
            ReadModelQueries q,
            String counterpartyId,
            LocalDate asOf,
            Instant knownAt,
            MonthDay fiscalYearEnd,
            RemainingObligations remaining) {
        Map<Direction, DisclosureView> disclosures = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            disclosures.put(
                    direction,
                    view(q, new Read(direction, counterpartyId, null, asOf, knownAt, fiscalYearEnd, null), remaining));
        }
        return new CounterpartyObligations(
                new ScheduleView(counterpartyId, asOf, knownAt, LedgerReads.scheduleRows(remaining, null)),
                Collections.unmodifiableMap(disclosures));
    }

    /** Every currency's disclosure as one row in the reporting currency, at the rates in force at (asOf, knownAt). */
    private static DisclosureView.Row converted(
            ReadModelQueries q, Read read, Map<String, DisclosureSchedule> byCurrency) {
        Currency to = Currencies.parse(read.reportingCurrency());
        ExchangeRateBook rates = ReportingCurrency.rates(read.reportingCurrency(), q, read.asOf(), read.knownAt());
        Map<DisclosureSchedule, ConversionRate> parts = new LinkedHashMap<>();
        byCurrency.forEach((currency, s) -> parts.put(s, rates.conversion(Currencies.parse(currency), to)));
        DisclosureSchedule.Converted c = DisclosureSchedule.inReportingCurrency(parts, to);
        return row(to.getCurrencyCode(), c.fiscalYears(), c.thereafterMinor(), c.bands()::get, c.totalMinor());
    }

    private static DisclosureView.Row row(String currency, DisclosureSchedule s) {
        return row(currency, s.fiscalYears(), s.thereafterMinor(), s::bandMinor, s.totalMinor());
    }

    private static DisclosureView.Row row(
            String currency,
            List<DisclosureSchedule.FiscalYear> fiscalYears,
            BigInteger thereafterMinor,
            Function<Band, BigInteger> bandMinor,
            BigInteger totalMinor) {
        List<DisclosureView.FiscalYearAmount> years = new ArrayList<>();
        fiscalYears.forEach(y -> years.add(
                new DisclosureView.FiscalYearAmount(y.fiscalYear(), LedgerReads.money(y.amountMinor(), currency))));
        return new DisclosureView.Row(
                currency,
                years,
                LedgerReads.money(thereafterMinor, currency),
                new DisclosureView.Bands(
                        LedgerReads.money(bandMinor.apply(Band.WITHIN_ONE_YEAR), currency),
                        LedgerReads.money(bandMinor.apply(Band.ONE_TO_THREE_YEARS), currency),
                        LedgerReads.money(bandMinor.apply(Band.THREE_TO_FIVE_YEARS), currency),
                        LedgerReads.money(bandMinor.apply(Band.AFTER_FIVE_YEARS), currency)),
                LedgerReads.money(totalMinor, currency));
    }
}
