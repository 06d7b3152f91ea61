package dev.dealledger.model.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The exchange rates in force at one asOf among the rate facts known at one knownAt (docs/domain.md, "Reporting
 * currency"). For each pair the rate in force is the one with the latest {@code rateDate} on or before asOf; of
 * several facts for that date, the one recorded last (the highest position) wins, since a correction is a newer fact.
 *
 * <p>The caller hands over the facts recorded at or before knownAt; facts dated after asOf are ignored here as well.
 */
public final class ExchangeRateBook {

    /** One recorded rate: 1 {@code base} = {@code rate} {@code quote} from {@code rateDate}, at log {@code position}. */
    public record RateFact(String base, String quote, LocalDate rateDate, BigDecimal rate, long position) {
        public RateFact {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(rateDate, "rateDate");
            Objects.requireNonNull(rate, "rate");
        }
    }

    private static final Comparator<RateFact> NEWEST =
            Comparator.comparing(RateFact::rateDate).thenComparingLong(RateFact::position);

    private final LocalDate asOf;
    private final Map<String, RateFact> inForce = new HashMap<>();

    private ExchangeRateBook(LocalDate asOf) {
        this.asOf = asOf;
    }

    public static ExchangeRateBook of(LocalDate asOf, Collection<RateFact> knownFacts) {
        ExchangeRateBook book = new ExchangeRateBook(asOf);
        for (RateFact fact : knownFacts) {
            if (fact.rateDate().isAfter(asOf)) {
                continue;
            }
            book.inForce.merge(key(fact.base(), fact.quote()), fact, (a, b) -> NEWEST.compare(a, b) >= 0 ? a : b);
        }
        return book;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The fact in force for exactly this pair, as recorded (never inverted). */
    public Optional<RateFact> inForce(String base, String quote) {
        return Optional.ofNullable(inForce.get(key(base, quote)));
    }

    /**
     * How a total in {@code from} is converted to {@code to}: at 1 when they are the same currency; with the pair
     * from/to when a rate for it is in force; otherwise, divided by the rate of the pair to/from when one is in force
     * (docs/domain.md, "Reporting currency": a rate quoted the other way round is inverted, and the pair as asked for
     * wins whenever it has a rate in force, however old).
     *
     * @throws MissingExchangeRateException when neither way round has a rate in force
     */
    public ConversionRate conversion(Currency from, Currency to) {
        if (from.equals(to)) {
            return ConversionRate.identity(from);
        }
        RateFact direct = inForce.get(key(from.getCurrencyCode(), to.getCurrencyCode()));
        if (direct != null) {
            return ConversionRate.direct(from, to, direct.rate());
        }
        RateFact inverse = inForce.get(key(to.getCurrencyCode(), from.getCurrencyCode()));
        if (inverse != null) {
            return ConversionRate.inverseOf(to, from, inverse.rate());
        }
        throw new MissingExchangeRateException(from, to, asOf);
    }

    /** The fact a conversion uses, if it uses one (not for a currency converted to itself). */
    public Optional<RateFact> factBehind(Currency from, Currency to) {
        if (from.equals(to)) {
            return Optional.empty();
        }
        return inForce(from.getCurrencyCode(), to.getCurrencyCode())
                .or(() -> inForce(to.getCurrencyCode(), from.getCurrencyCode()));
    }

    private static String key(String base, String quote) {
        return base + "/" + quote;
    }
}
