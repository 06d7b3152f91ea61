package dev.dealledger.query.console;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What each console page renders: the views' values, already formatted, with the links that make every number
 * traceable. Nothing here computes a figure; amounts are the views' decimal strings, regrouped by {@link Display}.
 */
final class Pages {

    private Pages() {}

    /** An amount as shown: {@code raw} is the view's decimal string, {@code text} the grouped one with its currency. */
    @TemplateData
    record Amount(String raw, String currency, String text) {
        static Amount of(String raw, String currency) {
            return new Amount(raw, currency, Display.money(raw, currency));
        }
    }

    /** A column header; {@code href} re-sorts by it, {@code ariaSort} says how the table is sorted now. */
    @TemplateData
    record Column(String key, String label, boolean numeric, String href, String ariaSort) {}

    /**
     * A bar of a chart, in SVG user units. {@code value} is written beside a horizontal bar, {@code text} is its full
     * description (the tooltip and the accessible name), {@code axisLabel} is written under a vertical bar, or empty.
     */
    @TemplateData
    record Bar(
            String label,
            String value,
            String text,
            String axisLabel,
            int x,
            int y,
            int width,
            int height,
            String href,
            String css) {
        public int labelX() {
            return x + width / 2;
        }

        public int valueX() {
            return x + width + 6;
        }

        public int midY() {
            return y + height / 2 + 4;
        }
    }

    /** An axis tick: its position and its label. */
    @TemplateData
    record Tick(int at, String label) {}

    /**
     * A bar chart drawn as SVG; {@code horizontal} charts have one row per bar with the label at the left.
     * {@code bars} are also listed as a table beside it, for readers who do not see the picture.
     */
    @TemplateData
    record BarChart(
            String id,
            String title,
            String description,
            int width,
            int height,
            boolean horizontal,
            int baseline,
            List<Bar> bars,
            List<Tick> ticks) {
        public int axisY() {
            return baseline + 16;
        }

        public int labelX() {
            return horizontal ? 0 : 110;
        }
    }

    @TemplateData
    record ExposureRow(
            String counterpartyId,
            String legalName,
            String href,
            String currency,
            String direction,
            Amount committed,
            Amount elapsed,
            Amount remaining,
            Amount potential,
            Amount exposure,
            String concentration,
            long deals,
            long commitments,
            long optionsOpen,
            long optionsExercised,
            long amendments) {}

    @TemplateData
    record ExposurePage(
            Frame frame,
            String currency,
            String direction,
            String sort,
            String order,
            List<Column> columns,
            List<ExposureRow> rows,
            String csvHref,
            String nextHref,
            List<BarChart> concentration) {}

    @TemplateData
    record TotalsRow(
            String currency,
            String direction,
            Amount committed,
            Amount elapsed,
            Amount remaining,
            Amount potential,
            Amount exposure,
            String concentration,
            long deals,
            long commitments,
            long optionsOpen,
            long optionsExercised,
            long amendments,
            String traceHref) {}

    @TemplateData
    record YearRow(String currency, String direction, int year, Amount remaining) {}

    @TemplateData
    record DealRow(
            String dealId,
            String title,
            String direction,
            String currency,
            String signedOn,
            String recordedAt,
            boolean counts,
            String href,
            String historyHref,
            String market) {}

    /** One currency and direction of a counterparty's disclosure: five fiscal years and thereafter, and the bands. */
    @TemplateData
    record DisclosureRow(
            String currency,
            String direction,
            List<Amount> fiscalYears,
            Amount thereafter,
            Amount withinOneYear,
            Amount oneToThreeYears,
            Amount threeToFiveYears,
            Amount afterFiveYears,
            Amount total,
            String csvHref) {}

    @TemplateData
    record CounterpartyPage(
            Frame frame,
            String counterpartyId,
            String legalName,
            List<TotalsRow> totals,
            List<BarChart> byYear,
            List<YearRow> years,
            List<DealRow> deals,
            DealsPaging dealsPaging,
            String totalsJsonHref,
            String scheduleJsonHref,
            String exposureCsvHref,
            String fiscalYearEnd,
            List<String> fiscalYearHeaders,
            List<DisclosureRow> disclosures) {}

    /** Which deals a counterparty page lists (first and last, from 1), of how many, and the neighbouring pages. */
    @TemplateData
    record DealsPaging(long first, long last, long total, String previousHref, String nextHref) {}

    @TemplateData
    record MonthRow(String dueOn, Amount amount, boolean fallen) {}

    @TemplateData
    record CommitmentRow(
            String commitmentId,
            String resource,
            String termStart,
            String termEnd,
            String effectiveDate,
            Amount committed,
            Amount elapsed,
            Amount remaining,
            long amendments,
            String terminatedOn,
            String fromOptionId,
            String traceHref,
            BarChart months,
            List<MonthRow> monthRows) {}

    @TemplateData
    record OptionRow(
            String optionId,
            Amount maxAmount,
            String exercisableFrom,
            String expiresOn,
            String effectiveDate,
            String status,
            Amount potential,
            String exercisedAs,
            String traceHref,
            BarChart window) {}

    @TemplateData
    record HistoryRow(
            long position,
            String anchor,
            String eventType,
            String subject,
            String effectiveDate,
            String recordedAt,
            String actor,
            String reason,
            String sourceReference,
            String payload,
            boolean backdated,
            boolean amendment,
            boolean afterAsOf,
            String restatementHref) {}

    /** A fact in the bitemporal picture; {@code reachX} is where its recorded date lies on the effective-date axis. */
    @TemplateData
    record Point(
            long position, int x, int y, int reachX, boolean amendment, boolean backdated, String title, String href) {
        public String diamond() {
            return x + "," + (y - 7) + " " + (x + 7) + "," + y + " " + x + "," + (y + 7) + " " + (x - 7) + "," + y;
        }
    }

    /**
     * The deal's facts with effective date across and recorded instant up; the lines at asOf and knownAt bound the
     * quadrant of facts that the figures at (asOf, knownAt) use.
     */
    @TemplateData
    record Bitemporal(
            int width,
            int height,
            int left,
            int top,
            int right,
            int bottom,
            int asOfX,
            int knownAtY,
            List<Point> points,
            List<Tick> xTicks,
            List<Tick> yTicks) {
        public int visibleWidth() {
            return Math.max(0, asOfX - left);
        }

        public int visibleHeight() {
            return Math.max(0, bottom - knownAtY);
        }
    }

    @TemplateData
    record DealPage(
            Frame frame,
            String dealId,
            String title,
            String counterpartyId,
            String counterpartyHref,
            String agreementId,
            String direction,
            String currency,
            String signedOn,
            String sourceReference,
            List<CommitmentRow> commitments,
            List<OptionRow> options,
            String historyScope,
            String subject,
            String allHistoryHref,
            List<HistoryRow> history,
            String nextHistoryHref,
            Bitemporal picture,
            String historyCsvHref,
            String dealJsonHref,
            String verificationHref) {}

    @TemplateData
    record BridgeRow(String kind, String effect) {}

    @TemplateData
    record CauseLink(long position, String href) {}

    @TemplateData
    record ChangeRow(
            String currency,
            String direction,
            String field,
            String before,
            String after,
            String difference,
            List<CauseLink> causes,
            List<BridgeRow> bridge) {}

    @TemplateData
    record CauseRow(
            long position,
            String anchor,
            String kind,
            String counterpartyId,
            String dealId,
            String eventType,
            String effectiveDate,
            String recordedAt,
            String actor,
            String reason,
            String dealHref) {}

    @TemplateData
    record RestatementPage(
            Frame frame,
            String counterpartyId,
            String asOf,
            String from,
            String to,
            boolean asked,
            List<ChangeRow> changes,
            List<CauseRow> causes,
            String jsonHref) {}

    @TemplateData
    record CheckpointRow(long position, long firstPosition, String logHash, String signedAt, String keyId) {}

    @TemplateData
    record DealCheck(String dealId, boolean ok, long eventsChecked, Long firstBrokenPosition, String reason) {}

    @TemplateData
    record VerificationPage(
            Frame frame,
            boolean ok,
            long eventsChecked,
            long head,
            String logHash,
            Long firstBadPosition,
            String reason,
            String verifiedAt,
            CheckpointRow checkpoint,
            String dealId,
            DealCheck dealCheck,
            String jsonHref,
            String checkpointJsonHref,
            PassRow pass,
            String wholePassHref) {}

    /** The whole pass under a standing verdict (docs/adr/0008); {@code nextDue} is null if none is scheduled. */
    @TemplateData
    record PassRow(String startedAt, String finishedAt, long head, String nextDue) {}

    /** A close known at the page's knownAt, linking to its period view. */
    @TemplateData
    record ClosedPeriodRow(
            String periodEnd, String closedAt, long position, String actor, String reason, String href) {}

    @TemplateData
    record PeriodsPage(Frame frame, String knownAt, List<ClosedPeriodRow> periods) {}

    /**
     * One row of a closed period, as reported beside as restated. {@code reportedHref} and {@code restatedHref} open the
     * counterparty at the period end as known at the close and at the page's knownAt: the figures each side shows.
     */
    @TemplateData
    record PeriodFigureRow(
            String counterpartyId,
            String currency,
            String direction,
            Amount committedReported,
            Amount committedRestated,
            Amount remainingReported,
            Amount remainingRestated,
            Amount exposureReported,
            Amount exposureRestated,
            String concentrationReported,
            String concentrationRestated,
            boolean changed,
            String reportedHref,
            String restatedHref) {}

    @TemplateData
    record EffectRow(String counterpartyId, String currency, String direction, String field, String effect) {}

    /** A post-close adjustment; {@code factHref} opens its deal's history at the fact. */
    @TemplateData
    record AdjustmentRow(
            long position,
            String kind,
            String counterpartyId,
            String dealId,
            String eventType,
            String effectiveDate,
            String recordedAt,
            String actor,
            String reason,
            String factHref,
            List<EffectRow> effects) {}

    @TemplateData
    record PeriodPage(
            Frame frame,
            String periodEnd,
            String closedAt,
            long position,
            String actor,
            String reason,
            String digest,
            String digestEncoding,
            String knownAt,
            List<PeriodFigureRow> rows,
            List<AdjustmentRow> adjustments,
            String adjustmentsOmitted,
            String jsonHref,
            String periodsHref) {}

    /** Sign-in, refusal and error pages. */
    @TemplateData
    record MessagePage(
            Frame frame,
            int status,
            String heading,
            String message,
            boolean signInForm,
            String backHref,
            String identityProviderHref) {}
}
