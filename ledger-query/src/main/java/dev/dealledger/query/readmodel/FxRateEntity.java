package dev.dealledger.query.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One recorded exchange rate: 1 base = {@code rate} quote from {@code rateDate}. Corrections are further rows. */
@Entity
@Table(name = "rm_fx_rate", schema = "read_model")
public class FxRateEntity {

    @Id
    @Column(name = "position")
    public long position;

    @Column(name = "base_currency", nullable = false, length = 3)
    public String baseCurrency;

    @Column(name = "quote_currency", nullable = false, length = 3)
    public String quoteCurrency;

    @Column(name = "rate_date", nullable = false)
    public LocalDate rateDate;

    /** The exact decimal text of the event, e.g. {@code 1.0815}. */
    @Column(name = "rate", nullable = false, length = 40)
    public String rate;

    @Column(name = "source", nullable = false, length = 200)
    public String source;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
