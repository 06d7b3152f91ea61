package dev.dealledger.model.steps;

import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.CommitmentTimeline;
import dev.dealledger.model.schedule.StepForm;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each fact's own step (docs/adr/0007): what it changes in its counterparty's figures at every asOf, given everything
 * recorded before it, as a few {@link FigurePoint}s. It is the figures of its deal, commitment or option as known with
 * it, less the same as known without it. Summed over the facts recorded by some knowledge instant, the steps give the
 * figures the model derives from those facts at every asOf ({@code SummingFactStepsTest}).
 */
public final class FigureSteps {

    private FigureSteps() {}

    /** A deal counts from its effective date. */
    public static List<FigurePoint> ofDeal(LocalDate effective) {
        return List.of(FigurePoint.counts(effective, 1, 0, 0, 0, 0));
    }

    /** The step of the fact that turned commitment version {@code before} (null: none yet) into {@code after}. */
    public static List<FigurePoint> ofCommitment(CommitmentTimeline before, CommitmentTimeline after) {
        return difference(form(after), before == null ? List.of() : form(before), null);
    }

    /**
     * The step of the fact that turned option version {@code before} (null: none yet) into {@code after}. A grant
     * always leaves a point on its date, even one already expired there: its key is then present in the figures, as it
     * is for the facts themselves.
     */
    public static List<FigurePoint> ofOption(OptionVersion before, OptionVersion after) {
        return difference(
                form(after), before == null ? List.of() : form(before), before == null ? after.grantedOn() : null);
    }

    /**
     * A commitment version's figures: committed and elapsed as {@link StepForm} has them, the commitment counted from
     * its effective date, and each amendment from its own (never before the commitment's, as the reads count it).
     */
    static List<FigurePoint> form(CommitmentTimeline version) {
        List<FigurePoint> points = new ArrayList<>();
        LocalDate effective = version.terms().effectiveDate();
        for (StepForm.Point p : StepForm.of(version).points()) {
            points.add(new FigurePoint(
                    p.from(),
                    p.committedStep(),
                    p.elapsedStep(),
                    p.elapsedSlope(),
                    p.slopeBaseMonth(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0));
        }
        points.add(FigurePoint.counts(effective, 0, 1, 0, 0, 0));
        for (AmendmentFact a : version.amendments()) {
            LocalDate on = a.effectiveDate().isAfter(effective) ? a.effectiveDate() : effective;
            points.add(FigurePoint.counts(on, 0, 0, 1, 0, 0));
        }
        return points;
    }

    /**
     * An option version's figures: open, with its amount as potential, from its grant until the day after its expiry or
     * its exercise, whichever is first; exercised from its exercise on.
     */
    static List<FigurePoint> form(OptionVersion version) {
        LocalDate granted = version.grantedOn();
        LocalDate closes = version.expiresOn().plusDays(1);
        LocalDate exercised = null;
        if (version.exercisedOn() != null) {
            exercised = version.exercisedOn().isAfter(granted) ? version.exercisedOn() : granted;
            closes = exercised.isBefore(closes) ? exercised : closes;
        }
        List<FigurePoint> points = new ArrayList<>();
        if (closes.isAfter(granted)) {
            long amount = version.amountMinor();
            points.add(new FigurePoint(granted, 0, 0, 0, 0, amount, 0, 0, 0, 1, 0));
            points.add(new FigurePoint(closes, 0, 0, 0, 0, Math.negateExact(amount), 0, 0, 0, -1, 0));
        }
        if (exercised != null) {
            points.add(FigurePoint.counts(exercised, 0, 0, 0, 0, 1));
        }
        return points;
    }

    /**
     * {@code after} less {@code before}, points of one date and slope base added up and those that cancel left out;
     * with {@code presentOn}, a point on that date is kept even if it adds nothing.
     */
    static List<FigurePoint> difference(List<FigurePoint> after, List<FigurePoint> before, LocalDate presentOn) {
        Map<Object, List<FigurePoint>> merged = new LinkedHashMap<>();
        after.forEach(p -> merge(merged, p));
        before.forEach(p -> merge(merged, p.negated()));
        List<FigurePoint> step = new ArrayList<>();
        boolean present = presentOn == null;
        for (List<FigurePoint> same : merged.values()) {
            for (FigurePoint p : same) {
                if (!p.isZero()) {
                    step.add(p);
                    present |= p.from().equals(presentOn);
                }
            }
        }
        if (!present) {
            step.add(FigurePoint.counts(presentOn, 0, 0, 0, 0, 0));
        }
        step.sort(Comparator.comparing(FigurePoint::from).thenComparingLong(FigurePoint::slopeBaseMonth));
        return List.copyOf(step);
    }

    /** Adds {@code p} to the point of its date and slope base; one whose sum would not fit stays a point of its own. */
    private static void merge(Map<Object, List<FigurePoint>> merged, FigurePoint p) {
        List<FigurePoint> same = merged.computeIfAbsent(List.of(p.from(), p.slopeBaseMonth()), k -> new ArrayList<>());
        for (int i = 0; i < same.size(); i++) {
            try {
                same.set(i, same.get(i).plus(p));
                return;
            } catch (ArithmeticException tooLarge) {
                // kept apart: the sums that read these points are BigInteger
            }
        }
        same.add(p);
    }
}
