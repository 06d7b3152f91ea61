package dev.dealledger.query.testing;

import dev.dealledger.api.Direction;
import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.CommitmentTerms;
import dev.dealledger.model.schedule.CommitmentTimeline;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a random but valid ledger history and records it through a {@link LedgerScript}: several counterparties,
 * deals in USD and EUR in both directions, commitments, options, exercises inside their window, amendments with
 * backdated and out-of-order effective dates, and terminations. Validity follows the command service's rules: a
 * candidate amendment is kept only if {@link CommitmentTimeline#firstRefusal()} accepts the whole history with it, a
 * termination only where the aggregate would accept it. Everything is drawn from one seeded {@link Random}.
 */
public final class RandomHistory {

    private static final LocalDate EARLIEST = LocalDate.of(2024, 1, 1);

    private final Random random;
    private final LedgerScript ledger;
    private final String prefix;
    private final List<GenDeal> deals = new ArrayList<>();
    private final List<String> counterparties = new ArrayList<>();
    private long recordedOrder;
    private int ids;

    public RandomHistory(Random random, LedgerScript ledger, String prefix) {
        this.random = random;
        this.ledger = ledger;
        this.prefix = prefix;
    }

    private static final class GenDeal {
        final String dealId;
        final String currency;
        final LocalDate signedOn;
        final List<GenCommitment> commitments = new ArrayList<>();
        final List<GenOption> options = new ArrayList<>();

        GenDeal(String dealId, String currency, LocalDate signedOn) {
            this.dealId = dealId;
            this.currency = currency;
            this.signedOn = signedOn;
        }
    }

    private static final class GenCommitment {
        final String commitmentId;
        final CommitmentTerms terms;
        final List<AmendmentFact> amendments = new ArrayList<>();
        LocalDate terminatedOn;

        GenCommitment(String commitmentId, CommitmentTerms terms) {
            this.commitmentId = commitmentId;
            this.terms = terms;
        }

        CommitmentTimeline timeline() {
            return CommitmentTimeline.of(terms, amendments, terminatedOn);
        }
    }

    private static final class GenOption {
        final String optionId;
        final long maxMinor;
        final LocalDate exercisableFrom;
        final LocalDate expiresOn;
        final LocalDate effective;
        boolean exercised;

        GenOption(String optionId, long maxMinor, LocalDate exercisableFrom, LocalDate expiresOn, LocalDate effective) {
            this.optionId = optionId;
            this.maxMinor = maxMinor;
            this.exercisableFrom = exercisableFrom;
            this.expiresOn = expiresOn;
            this.effective = effective;
        }
    }

    public List<String> counterparties() {
        return List.copyOf(counterparties);
    }

    /** Records {@code parties} counterparties with a first deal and commitment each, then {@code steps} random facts. */
    public void record(int parties, int steps) {
        for (int i = 0; i < parties; i++) {
            String cp = prefix + "-cp" + i;
            LocalDate registered = EARLIEST.plusDays(random.nextInt(365));
            ledger.counterparty(cp, "Random " + cp + " (fictional)", registered);
            ledger.agreement("msa-" + cp, cp, registered);
            counterparties.add(cp);
            GenDeal deal = newDeal(cp);
            newCommitment(deal);
        }
        for (int step = 0; step < steps; step++) {
            int pick = random.nextInt(100);
            if (pick < 8) {
                newDeal(counterparties.get(random.nextInt(counterparties.size())));
            } else if (pick < 25) {
                newCommitment(anyDeal());
            } else if (pick < 37) {
                newOption(anyDeal());
            } else if (pick < 47) {
                exercise();
            } else if (pick < 88) {
                amend();
            } else {
                terminate();
            }
        }
    }

    private GenDeal anyDeal() {
        return deals.get(random.nextInt(deals.size()));
    }

    private String id(String kind) {
        return prefix + "-" + kind + (ids++);
    }

    private GenDeal newDeal(String counterpartyId) {
        String currency = random.nextBoolean() ? "USD" : "EUR";
        Direction direction = random.nextInt(3) == 0 ? Direction.RECEIVABLE : Direction.PAYABLE;
        LocalDate signedOn = EARLIEST.plusDays(random.nextInt(365 * 4));
        GenDeal deal = new GenDeal(id("deal"), currency, signedOn);
        ledger.deal(deal.dealId, "msa-" + counterpartyId, direction, currency, signedOn, "ref-" + deal.dealId);
        deals.add(deal);
        return deal;
    }

    private long amountMinor() {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(1_000); // a few cents: rounding remainders dominate
            case 1 -> 1 + random.nextInt(10_000_000);
            default -> 1 + (long) (random.nextDouble() * 2_000_000_000_000L);
        };
    }

    private String money(long minor, String currency) {
        return BigDecimal.valueOf(minor, LedgerModel.minorDigits(currency)).toPlainString();
    }

    private LocalDate[] term(LocalDate around) {
        LocalDate start = around.plusDays(random.nextInt(460) - 60);
        YearMonth endMonth = YearMonth.from(start).plusMonths(random.nextInt(random.nextBoolean() ? 4 : 84));
        LocalDate end = endMonth.atDay(1 + random.nextInt(endMonth.lengthOfMonth()));
        if (end.isBefore(start)) {
            end = start;
        }
        return new LocalDate[] {start, end};
    }

    private void newCommitment(GenDeal deal) {
        LocalDate effective = deal.signedOn.plusDays(random.nextInt(200));
        LocalDate[] term = term(effective);
        long amount = amountMinor();
        GenCommitment c = new GenCommitment(id("c"), new CommitmentTerms(amount, term[0], term[1], effective));
        ledger.commitment(
                deal.dealId, c.commitmentId, money(amount, deal.currency), term[0], term[1], "capacity", effective);
        deal.commitments.add(c);
    }

    private void newOption(GenDeal deal) {
        LocalDate effective = deal.signedOn.plusDays(random.nextInt(200));
        LocalDate from = effective.plusDays(random.nextInt(200) - 30);
        LocalDate expires = from.plusDays(random.nextInt(500));
        long max = amountMinor();
        GenOption o = new GenOption(id("o"), max, from, expires, effective);
        ledger.option(deal.dealId, o.optionId, money(max, deal.currency), from, expires, effective);
        deal.options.add(o);
    }

    private void exercise() {
        List<Object[]> open = new ArrayList<>();
        for (GenDeal d : deals) {
            for (GenOption o : d.options) {
                if (!o.exercised) {
                    open.add(new Object[] {d, o});
                }
            }
        }
        if (open.isEmpty()) {
            return;
        }
        Object[] pick = open.get(random.nextInt(open.size()));
        GenDeal deal = (GenDeal) pick[0];
        GenOption option = (GenOption) pick[1];
        // Only inside the window: from max(exercisableFrom, effective) to expiresOn, both inclusive.
        LocalDate first = option.exercisableFrom.isAfter(option.effective) ? option.exercisableFrom : option.effective;
        if (first.isAfter(option.expiresOn)) {
            return;
        }
        long days = option.expiresOn.toEpochDay() - first.toEpochDay();
        LocalDate on = first.plusDays(days == 0 ? 0 : random.nextInt((int) days + 1));
        long amount = 1 + (long) (random.nextDouble() * option.maxMinor);
        amount = Math.min(amount, option.maxMinor);
        LocalDate[] term = term(on);
        GenCommitment c = new GenCommitment(id("x"), new CommitmentTerms(amount, term[0], term[1], on));
        ledger.exercise(
                deal.dealId,
                option.optionId,
                c.commitmentId,
                money(amount, deal.currency),
                term[0],
                term[1],
                "exercised capacity",
                on);
        option.exercised = true;
        deal.commitments.add(c);
    }

    private Object[] anyCommitment() {
        List<Object[]> all = new ArrayList<>();
        for (GenDeal d : deals) {
            for (GenCommitment c : d.commitments) {
                all.add(new Object[] {d, c});
            }
        }
        return all.get(random.nextInt(all.size()));
    }

    private void amend() {
        Object[] pick = anyCommitment();
        GenDeal deal = (GenDeal) pick[0];
        GenCommitment c = (GenCommitment) pick[1];
        CommitmentTimeline timeline = c.timeline();
        LocalDate latestEnd = timeline.termEndAsOf(LocalDate.MAX);
        for (int attempt = 0; attempt < 12; attempt++) {
            long span = latestEnd.toEpochDay() - c.terms.effectiveDate().toEpochDay();
            LocalDate effective = c.terms.effectiveDate().plusDays(random.nextInt((int) Math.max(1, span + 30)));
            long total = timeline.scheduleAsOf(effective).totalMinor();
            long delta = random.nextInt(4) == 0 ? 0 : (long) ((random.nextDouble() - 0.45) * Math.max(100, total));
            LocalDate newEnd = null;
            if (delta == 0 || random.nextInt(3) == 0) {
                YearMonth m = YearMonth.from(effective).plusMonths(random.nextInt(30));
                newEnd = m.atDay(1 + random.nextInt(m.lengthOfMonth()));
            }
            if (newEnd != null && newEnd.isBefore(c.terms.termStart())) {
                continue;
            }
            AmendmentFact candidate = new AmendmentFact(id("a"), effective, Long.MAX_VALUE, delta, newEnd);
            if (timeline.withAmendment(candidate).firstRefusal().isPresent()) {
                continue;
            }
            ledger.amend(
                    deal.dealId,
                    c.commitmentId,
                    candidate.amendmentId(),
                    money(delta, deal.currency),
                    newEnd,
                    effective,
                    "random amendment " + candidate.amendmentId());
            c.amendments.add(new AmendmentFact(candidate.amendmentId(), effective, recordedOrder++, delta, newEnd));
            return;
        }
    }

    private void terminate() {
        Object[] pick = anyCommitment();
        GenDeal deal = (GenDeal) pick[0];
        GenCommitment c = (GenCommitment) pick[1];
        if (c.terminatedOn != null) {
            return;
        }
        CommitmentTimeline timeline = c.timeline();
        for (int attempt = 0; attempt < 6; attempt++) {
            long span = timeline.termEndAsOf(LocalDate.MAX).toEpochDay()
                    - c.terms.effectiveDate().toEpochDay();
            LocalDate on = c.terms.effectiveDate().plusDays(random.nextInt((int) Math.max(1, span + 1)));
            // The aggregate's rules: not before the commitment, not after the term in effect then, and no
            // amendment effective on or after it.
            boolean valid = !on.isBefore(c.terms.effectiveDate())
                    && !on.isAfter(timeline.termEndAsOf(on))
                    && c.amendments.stream().allMatch(a -> a.effectiveDate().isBefore(on));
            if (!valid) {
                continue;
            }
            ledger.terminate(deal.dealId, c.commitmentId, on, "random termination");
            c.terminatedOn = on;
            return;
        }
    }
}
