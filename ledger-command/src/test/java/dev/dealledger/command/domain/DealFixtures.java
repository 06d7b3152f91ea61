package dev.dealledger.command.domain;

import dev.dealledger.api.Direction;
import dev.dealledger.api.command.AmendCommitmentCommand;
import dev.dealledger.api.command.ExerciseOptionCommand;
import dev.dealledger.api.command.GrantOptionCommand;
import dev.dealledger.api.command.RecordCommitmentCommand;
import dev.dealledger.api.command.RecordDealCommand;
import dev.dealledger.api.command.TerminateCommitmentCommand;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.model.schedule.AmendmentRefusal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * Shared givens for the aggregate tests.
 *
 * <p>The example history of docs/domain.md: agreement {@code msa-2023} with {@code coreweave}, seen from Meta's side
 * (PAYABLE, USD); deal {@code of-2025-09} with the 14.2 billion Blackwell commitment and the option
 * {@code opt-expansion}. The option's size and window, the dates and the term ends are the brief's illustrative choices,
 * not facts from the seeds.
 *
 * <p>Next to it, a deliberately round commitment ({@link #HUNDRED_A_MONTH}: 1,200.00 over the twelve months of 2026,
 * so 100.00 falls due at each month end) whose schedule can be followed by hand in the amendment and termination
 * tests.
 */
final class DealFixtures {

    static final String COUNTERPARTY = "coreweave";
    static final String AGREEMENT = "msa-2023";
    static final String DEAL = "of-2025-09";
    static final String USD = "USD";

    /** Fact 2: the Blackwell commitment of the September 2025 order form. */
    static final String BLACKWELL = "c-blackwell";

    static final String BLACKWELL_AMOUNT = "14200000000.00";
    static final LocalDate BLACKWELL_START = date("2025-10-01");
    static final LocalDate BLACKWELL_END = date("2031-12-31");
    static final String BLACKWELL_RESOURCE = "Nvidia Blackwell GPU capacity";

    /** Fact 2: the expansion option, up to 6 billion, expiring at the end of 2026. */
    static final String OPTION = "opt-expansion";

    static final String OPTION_MAX = "6000000000.00";
    static final LocalDate OPTION_FROM = date("2026-01-01");
    static final LocalDate OPTION_EXPIRES = date("2026-12-31");

    /** Fact 3: the exercise of the option into Vera Rubin capacity. */
    static final String VERA_RUBIN = "c-vera-rubin-option";

    static final LocalDate VERA_RUBIN_START = date("2026-07-01");
    static final LocalDate VERA_RUBIN_END = date("2032-12-31");
    static final String VERA_RUBIN_RESOURCE = "Nvidia Vera Rubin GPU capacity";

    static final LocalDate SIGNED_2025 = date("2025-09-30");
    static final LocalDate SIGNED_2026 = date("2026-04-01");

    /** 1,200.00 over 2026-01-01..2026-12-31, recorded effective 2025-12-01: 100.00 falls due at each month end. */
    static final String HUNDRED_A_MONTH = "c-hundred-a-month";

    static final LocalDate HUNDRED_START = date("2026-01-01");
    static final LocalDate HUNDRED_END = date("2026-12-31");
    static final LocalDate HUNDRED_EFFECTIVE = date("2025-12-01");

    static final String REASON = "illustrative correction";

    private DealFixtures() {}

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static BigDecimal money(String plain) {
        return new BigDecimal(plain);
    }

    // ---- fixtures --------------------------------------------------------------------------------------------------

    /** A Deal fixture that knows the example agreement and counterparty. */
    static AggregateTestFixture<Deal> dealFixture() {
        AggregateTestFixture<Deal> fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerInjectableResource(KnownRecords.example());
        // The fixture's illegal-state-change check compares Deal's maps with Map.equals, and the map values
        // (Deal.CommitmentState, Deal.OptionState) have identity equality, so two equal states never compare equal.
        // The check would fail every accepted command for that reason alone; the expected events are asserted instead.
        fixture.setReportIllegalStateChange(false);
        return fixture;
    }

    /**
     * What the directories answer in the aggregate tests: a fixed set of counterparties and agreements. The real one
     * reads the event store; the aggregates only see these two interfaces.
     */
    static final class KnownRecords implements CounterpartyDirectory, AgreementDirectory {
        private final Set<String> counterparties = new HashSet<>();
        private final Map<String, String> agreementCounterparties = new HashMap<>();

        static KnownRecords example() {
            return new KnownRecords().counterparty(COUNTERPARTY).agreement(AGREEMENT, COUNTERPARTY);
        }

        static KnownRecords none() {
            return new KnownRecords();
        }

        KnownRecords counterparty(String counterpartyId) {
            counterparties.add(counterpartyId);
            return this;
        }

        KnownRecords agreement(String agreementId, String counterpartyId) {
            agreementCounterparties.put(agreementId, counterpartyId);
            return this;
        }

        @Override
        public boolean isRegistered(String counterpartyId) {
            return counterparties.contains(counterpartyId);
        }

        @Override
        public Optional<String> counterpartyOf(String agreementId) {
            return Optional.ofNullable(agreementCounterparties.get(agreementId));
        }
    }

    // ---- the deal --------------------------------------------------------------------------------------------------

    static RecordDealCommand recordDeal(String currency) {
        return new RecordDealCommand(
                DEAL, AGREEMENT, Direction.PAYABLE, currency, "Order form 2025-09", SIGNED_2025, "8-K 2025-09-30");
    }

    static DealRecordedEvent dealRecorded() {
        return dealRecorded(USD);
    }

    static DealRecordedEvent dealRecorded(String currency) {
        return new DealRecordedEvent(
                DEAL,
                AGREEMENT,
                COUNTERPARTY,
                Direction.PAYABLE,
                currency,
                "Order form 2025-09",
                SIGNED_2025,
                "8-K 2025-09-30",
                SIGNED_2025);
    }

    // ---- commitments -----------------------------------------------------------------------------------------------

    static RecordCommitmentCommand recordCommitment(
            String commitmentId, String amount, LocalDate termStart, LocalDate termEnd, LocalDate effective) {
        return new RecordCommitmentCommand(
                DEAL, commitmentId, money(amount), termStart, termEnd, "GPU capacity", effective, null);
    }

    static CommitmentRecordedEvent commitmentRecorded(
            String commitmentId,
            String amount,
            String currency,
            LocalDate termStart,
            LocalDate termEnd,
            LocalDate effective) {
        return new CommitmentRecordedEvent(
                DEAL, commitmentId, money(amount), currency, termStart, termEnd, "GPU capacity", effective);
    }

    static RecordCommitmentCommand recordBlackwell() {
        return new RecordCommitmentCommand(
                DEAL,
                BLACKWELL,
                money(BLACKWELL_AMOUNT),
                BLACKWELL_START,
                BLACKWELL_END,
                BLACKWELL_RESOURCE,
                SIGNED_2025,
                null);
    }

    static CommitmentRecordedEvent blackwellRecorded() {
        return new CommitmentRecordedEvent(
                DEAL,
                BLACKWELL,
                money(BLACKWELL_AMOUNT),
                USD,
                BLACKWELL_START,
                BLACKWELL_END,
                BLACKWELL_RESOURCE,
                SIGNED_2025);
    }

    static CommitmentRecordedEvent hundredAMonthRecorded() {
        return commitmentRecorded(HUNDRED_A_MONTH, "1200.00", USD, HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE);
    }

    // ---- options ---------------------------------------------------------------------------------------------------

    static GrantOptionCommand grantOption(
            String optionId, String maxAmount, LocalDate exercisableFrom, LocalDate expiresOn) {
        return new GrantOptionCommand(DEAL, optionId, money(maxAmount), exercisableFrom, expiresOn, SIGNED_2025, null);
    }

    static OptionGrantedEvent optionGranted(
            String optionId, String maxAmount, LocalDate exercisableFrom, LocalDate expiresOn) {
        return new OptionGrantedEvent(DEAL, optionId, money(maxAmount), USD, exercisableFrom, expiresOn, SIGNED_2025);
    }

    static OptionGrantedEvent expansionOptionGranted() {
        return optionGranted(OPTION, OPTION_MAX, OPTION_FROM, OPTION_EXPIRES);
    }

    /** Exercise of {@link #OPTION} into {@link #VERA_RUBIN} for {@code amount}, effective {@code on}. */
    static ExerciseOptionCommand exercise(String amount, LocalDate on) {
        return exercise(OPTION, VERA_RUBIN, amount, on);
    }

    static ExerciseOptionCommand exercise(String optionId, String commitmentId, String amount, LocalDate on) {
        return new ExerciseOptionCommand(
                DEAL,
                optionId,
                commitmentId,
                money(amount),
                VERA_RUBIN_START,
                VERA_RUBIN_END,
                VERA_RUBIN_RESOURCE,
                on,
                null);
    }

    static OptionExercisedEvent optionExercised(String amount, String lapsed, LocalDate on) {
        return new OptionExercisedEvent(
                DEAL,
                OPTION,
                VERA_RUBIN,
                money(amount),
                money(lapsed),
                USD,
                VERA_RUBIN_START,
                VERA_RUBIN_END,
                VERA_RUBIN_RESOURCE,
                on);
    }

    // ---- amendments and terminations -------------------------------------------------------------------------------

    static AmendCommitmentCommand amend(
            String commitmentId, String amendmentId, String amountDelta, LocalDate newTermEnd, LocalDate effective) {
        return amend(commitmentId, amendmentId, amountDelta, newTermEnd, effective, REASON);
    }

    static AmendCommitmentCommand amend(
            String commitmentId,
            String amendmentId,
            String amountDelta,
            LocalDate newTermEnd,
            LocalDate effective,
            String reason) {
        return new AmendCommitmentCommand(
                DEAL,
                commitmentId,
                amendmentId,
                amountDelta == null ? null : money(amountDelta),
                newTermEnd,
                effective,
                reason,
                null);
    }

    static CommitmentAmendedEvent amended(
            String commitmentId, String amendmentId, String amountDelta, LocalDate newTermEnd, LocalDate effective) {
        return new CommitmentAmendedEvent(
                DEAL, commitmentId, amendmentId, money(amountDelta), USD, newTermEnd, REASON, effective);
    }

    static TerminateCommitmentCommand terminate(String commitmentId, LocalDate effective) {
        return terminate(commitmentId, effective, "capacity returned early");
    }

    static TerminateCommitmentCommand terminate(String commitmentId, LocalDate effective, String reason) {
        return new TerminateCommitmentCommand(DEAL, commitmentId, effective, reason, null);
    }

    static CommitmentTerminatedEvent terminated(String commitmentId, LocalDate effective) {
        return new CommitmentTerminatedEvent(DEAL, commitmentId, "capacity returned early", effective);
    }

    // ---- matchers --------------------------------------------------------------------------------------------------

    /**
     * An amendment refusal for {@code reason}, naming {@code amendmentId} as the amendment that could not apply (the
     * new one itself, or a later one it would invalidate).
     */
    static Matcher<Object> amendmentRefused(String amendmentId, AmendmentRefusal reason) {
        return new TypeSafeMatcher<>(Conflict.AmendmentRefusedException.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                Conflict.AmendmentRefusedException e = (Conflict.AmendmentRefusedException) item;
                return e.reason() == reason && e.getMessage().startsWith("amendment '" + amendmentId + "'");
            }

            @Override
            public void describeTo(Description description) {
                description
                        .appendText("AmendmentRefusedException for amendment ")
                        .appendValue(amendmentId)
                        .appendText(" because ")
                        .appendValue(reason);
            }
        };
    }
}
