package dev.dealledger.command.web;

import dev.dealledger.api.Direction;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** The JSON bodies the command endpoints accept, exactly as API.md names their fields. */
public final class Requests {

    private Requests() {}

    public record CounterpartyRequest(
            @NotBlank
            @Size(max = InputRules.MAX_TEXT)
            @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String legalName,

            @Pattern(regexp = InputRules.LEI, message = "must be a 20-character ISO 17442 LEI")
            String lei,

            @Size(max = InputRules.MAX_REASON) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference) {}

    public record AgreementRequest(
            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String agreementId,

            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String counterpartyId,

            @NotBlank
            @Size(max = InputRules.MAX_TEXT)
            @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String title,

            @NotNull LocalDate signedOn,

            @Size(max = InputRules.MAX_REASON) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference) {}

    public record DealRequest(
            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String dealId,

            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String agreementId,

            @NotNull Direction direction,

            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code")
            String currency,

            @NotBlank
            @Size(max = InputRules.MAX_TEXT)
            @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String title,

            @NotNull LocalDate signedOn,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference,

            @Size(max = InputRules.MAX_REASON) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason) {}

    public record CommitmentRequest(
            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String commitmentId,

            @NotNull @Pattern(regexp = InputRules.AMOUNT, message = "must be a decimal string like \"14200000000.00\"")
            String amount,

            @NotNull LocalDate termStart,
            @NotNull LocalDate termEnd,

            @NotBlank
            @Size(max = InputRules.MAX_TEXT)
            @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String resource,

            @NotNull LocalDate effectiveDate,

            @Size(max = InputRules.MAX_REASON) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference) {}

    public record OptionRequest(
            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String optionId,

            @NotNull @Pattern(regexp = InputRules.AMOUNT, message = "must be a decimal string like \"6000000000.00\"")
            String maxAmount,

            @NotNull LocalDate exercisableFrom,
            @NotNull LocalDate expiresOn,
            @NotNull LocalDate effectiveDate,

            @Size(max = InputRules.MAX_REASON) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference) {}

    public record ExerciseRequest(
            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String commitmentId,

            @NotNull @Pattern(regexp = InputRules.AMOUNT, message = "must be a decimal string like \"6000000000.00\"")
            String amount,

            @NotNull LocalDate termStart,
            @NotNull LocalDate termEnd,

            @NotBlank
            @Size(max = InputRules.MAX_TEXT)
            @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String resource,

            @NotNull LocalDate effectiveDate,

            @Size(max = InputRules.MAX_REASON) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference) {}

    public record AmendmentRequest(
            @NotNull @Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
            String amendmentId,

            @Pattern(regexp = InputRules.SIGNED_AMOUNT, message = "must be a signed decimal string like \"-250000.00\"")
            String amountDelta,

            LocalDate newTermEnd,
            @NotNull LocalDate effectiveDate,

            @NotBlank
            @Size(max = InputRules.MAX_REASON)
            @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference) {}

    public record TerminationRequest(
            @NotNull LocalDate effectiveDate,

            @NotBlank
            @Size(max = InputRules.MAX_REASON)
            @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String reason,

            @Size(max = InputRules.MAX_TEXT) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE)
            String sourceReference) {}
}
