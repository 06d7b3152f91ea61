package dev.dealledger.query.console;

import dev.dealledger.query.console.Pages.Bar;
import dev.dealledger.query.console.Pages.BarChart;
import dev.dealledger.query.console.Pages.Bitemporal;
import dev.dealledger.query.console.Pages.HistoryRow;
import dev.dealledger.query.console.Pages.Point;
import dev.dealledger.query.console.Pages.Tick;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the console's SVG charts. Pixels are the only thing computed here, from the views' amounts; the
 * labels and titles carry the amounts themselves, unrounded.
 */
final class Charts {

    private static final int BAR_AREA = 160;
    private static final int TOP = 16;
    private static final int LEFT = 120;

    private Charts() {}

    /** A label, its amount as a decimal string, its text and where the bar links to. */
    record Value(String label, String amount, String text, String href, String css) {}

    /** Vertical bars, one per value, with ticks at zero, half and the largest value. */
    static BarChart columns(String id, String title, String description, List<Value> values, int barWidth) {
        int gap = Math.max(1, barWidth / 4);
        int width = Math.max(320, LEFT + values.size() * (barWidth + gap) + 20);
        int baseline = TOP + BAR_AREA;
        BigDecimal max = BigDecimal.ZERO;
        for (Value v : values) {
            max = max.max(new BigDecimal(v.amount()));
        }
        List<Bar> bars = new ArrayList<>();
        int x = LEFT;
        for (Value v : values) {
            int h = scaled(new BigDecimal(v.amount()), max, BAR_AREA);
            String axis = values.size() <= 16
                    ? v.label()
                    : v.label().matches("\\d{4}-01-31") ? v.label().substring(0, 4) : "";
            bars.add(new Bar(v.label(), "", v.text(), axis, x, baseline - h, barWidth, h, v.href(), v.css()));
            x += barWidth + gap;
        }
        List<Tick> ticks = List.of(
                new Tick(baseline, "0"),
                new Tick(baseline - BAR_AREA / 2, Display.grouped(half(max))),
                new Tick(baseline - BAR_AREA, Display.grouped(max.toPlainString())));
        return new BarChart(id, title, description, width, baseline + 40, false, baseline, bars, ticks);
    }

    /**
     * One cell per calendar month from {@code from} through {@code to}, shaded by whether an option can be exercised
     * in it; a picture of the option's terms, with no amount.
     */
    static BarChart window(
            String id, String title, LocalDate from, LocalDate exercisableFrom, LocalDate expiresOn, LocalDate asOf) {
        List<Bar> bars = new ArrayList<>();
        int cell = 10;
        int x = LEFT;
        YearMonth last = YearMonth.from(expiresOn.isAfter(asOf) ? expiresOn : asOf);
        for (YearMonth m = YearMonth.from(from); !m.isAfter(last); m = m.plusMonths(1)) {
            boolean open =
                    !m.atEndOfMonth().isBefore(exercisableFrom) && !m.atDay(1).isAfter(expiresOn);
            boolean current = m.equals(YearMonth.from(asOf));
            String text = m
                    + (open ? ": exercisable" : m.atDay(1).isAfter(expiresOn) ? ": expired" : ": not yet")
                    + (current ? " (asOf)" : "");
            String css = (open ? "open" : "closed") + (current ? " as-of" : "");
            String axis = m.getMonthValue() == 1 ? Integer.toString(m.getYear()) : "";
            bars.add(new Bar(m.toString(), "", text, axis, x, TOP, cell - 2, 24, null, css));
            x += cell;
        }
        return new BarChart(id, title, title, Math.max(320, x + 20), TOP + 50, false, TOP + 24, bars, List.of());
    }

    /** Horizontal bars of shares in [0, 1], one row per value, labelled at the left. */
    static BarChart shares(String id, String title, String description, List<Value> values) {
        int rowHeight = 26;
        int labelWidth = 200;
        int area = 380;
        List<Bar> bars = new ArrayList<>();
        int y = TOP;
        for (Value v : values) {
            int w = scaled(new BigDecimal(v.amount()), BigDecimal.ONE, area);
            bars.add(new Bar(v.label(), v.amount(), v.text(), "", labelWidth, y, w, rowHeight - 8, v.href(), v.css()));
            y += rowHeight;
        }
        List<Tick> ticks = List.of(
                new Tick(labelWidth, "0"), new Tick(labelWidth + area / 2, "0.5"), new Tick(labelWidth + area, "1"));
        return new BarChart(id, title, description, labelWidth + area + 160, y + 30, true, y, bars, ticks);
    }

    /**
     * The deal's facts at (effective date, recorded instant). The effective axis spans every effective date, every
     * recorded date and asOf, so a backdated fact's reach back from its recorded date can be drawn as a line.
     */
    static Bitemporal bitemporal(List<HistoryRow> facts, LocalDate asOf, Instant knownAt, List<String> hrefs) {
        int width = 760;
        int height = 400;
        int left = 200;
        int top = 40;
        int right = width - 30;
        int bottom = height - 50;
        LocalDate firstDay = asOf;
        LocalDate lastDay = asOf;
        Instant first = knownAt;
        Instant last = knownAt;
        for (HistoryRow f : facts) {
            LocalDate effective = LocalDate.parse(f.effectiveDate());
            Instant recorded = Instant.parse(f.recordedAt());
            LocalDate recordedOn = LocalDate.ofInstant(recorded, ZoneOffset.UTC);
            firstDay = min(firstDay, min(effective, recordedOn));
            lastDay = max(lastDay, max(effective, recordedOn));
            first = recorded.isBefore(first) ? recorded : first;
            last = recorded.isAfter(last) ? recorded : last;
        }
        // A month of margin on the date axis and a tenth of the span on the instant axis keep points off the frame.
        firstDay = firstDay.minusMonths(1);
        lastDay = lastDay.plusMonths(1);
        long days = Math.max(1, ChronoUnit.DAYS.between(firstDay, lastDay));
        long micros = Math.max(1, ChronoUnit.MICROS.between(first, last));
        Instant low = first.minus(micros / 10 + 1, ChronoUnit.MICROS);
        long span = micros + 2 * (micros / 10 + 1);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            HistoryRow f = facts.get(i);
            LocalDate effective = LocalDate.parse(f.effectiveDate());
            Instant recorded = Instant.parse(f.recordedAt());
            int x = left + (int) ((right - left) * ChronoUnit.DAYS.between(firstDay, effective) / days);
            int reach = left
                    + (int) ((right - left)
                            * ChronoUnit.DAYS.between(firstDay, LocalDate.ofInstant(recorded, ZoneOffset.UTC))
                            / days);
            int y = bottom - (int) ((bottom - top) * (double) ChronoUnit.MICROS.between(low, recorded) / span);
            String title =
                    "#" + f.position() + " " + f.eventType() + (f.subject().isEmpty() ? "" : " " + f.subject())
                            + ", effective " + f.effectiveDate() + ", recorded " + f.recordedAt()
                            + (f.backdated() ? " (backdated)" : "");
            points.add(new Point(f.position(), x, y, reach, f.amendment(), f.backdated(), title, hrefs.get(i)));
        }
        int asOfX = left + (int) ((right - left) * ChronoUnit.DAYS.between(firstDay, asOf) / days);
        int knownAtY = bottom - (int) ((bottom - top) * (double) ChronoUnit.MICROS.between(low, knownAt) / span);
        List<Tick> xTicks = new ArrayList<>();
        YearMonth firstYear = YearMonth.of(firstDay.getYear() + 1, 1);
        int step = Math.max(1, (lastDay.getYear() - firstDay.getYear()) / 6 + 1);
        for (YearMonth m = firstYear; !m.atDay(1).isAfter(lastDay); m = m.plusYears(step)) {
            xTicks.add(new Tick(
                    left + (int) ((right - left) * ChronoUnit.DAYS.between(firstDay, m.atDay(1)) / days),
                    m.atDay(1).toString()));
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            Instant at = low.plus(span * i / 4, ChronoUnit.MICROS);
            yTicks.add(new Tick(
                    bottom - (bottom - top) * i / 4,
                    at.truncatedTo(ChronoUnit.MILLIS).toString()));
        }
        return new Bitemporal(width, height, left, top, right, bottom, asOfX, knownAtY, points, xTicks, yTicks);
    }

    private static int scaled(BigDecimal value, BigDecimal max, int pixels) {
        if (max.signum() <= 0 || value.signum() <= 0) {
            return 0;
        }
        // At least one pixel for anything above zero: a small amount is still there.
        return Math.max(
                1,
                value.multiply(BigDecimal.valueOf(pixels))
                        .divide(max, MathContext.DECIMAL64)
                        .intValue());
    }

    private static String half(BigDecimal max) {
        return max.divide(BigDecimal.valueOf(2), MathContext.DECIMAL64)
                .setScale(Math.max(0, max.scale()), java.math.RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
