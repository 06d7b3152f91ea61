package dev.dealledger.query.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** The digest of a closed period's figures as reported, stored with its rows and never changed. */
@Entity
@Table(name = "rm_period_report", schema = "read_model")
public class PeriodReportEntity {

    @Id
    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Column(name = "digest", nullable = false, length = 64)
    public String digest;

    @Column(name = "row_count", nullable = false)
    public int rowCount;
}
