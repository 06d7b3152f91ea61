package dev.dealledger.command.web;

import dev.dealledger.api.Direction;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;

/** The JSON bodies the command endpoints accept, exactly as the OpenAPI contract names their fields (docs/domain.md, "Vocabulary"). */
public final class Requests {

    private Requests() {}

    public record CounterpartyRequest(
            @NotBlank @Text String legalName,

            @Pattern(regexp = InputRules.LEI, message = "must be a 20-character ISO 17442 LEI")
            String lei,

            @Reason String reason,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256) {}

    /** The body of PUT /fx-rates/{baseCurrency}/{quoteCurrency}/{rateDate}: 1 base = {@code rate} quote. */
    public record FxRateRequest(
            @NotNull @Pattern(regexp = InputRules.RATE, message = "must be a decimal string like \"1.0815\"")
            String rate,

            @NotBlank @Text String source) {}

    public record AgreementRequest(
            @NotNull @LedgerId String agreementId,

            @NotNull @LedgerId String counterpartyId,

            @NotBlank @Text String title,

            @NotNull LocalDate signedOn,

            @Reason String reason,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256) {}

    public record DealRequest(
            @NotNull @LedgerId String dealId,

            @NotNull @LedgerId String agreementId,

            @NotNull Direction direction,

            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code")
            String currency,

            @NotBlank @Text String title,

            @NotNull LocalDate signedOn,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256,

            @Reason String reason) {}

    public record CommitmentRequest(
            @NotNull @LedgerId String commitmentId,

            @NotNull @Pattern(regexp = InputRules.AMOUNT, message = "must be a decimal string like \"14200000000.00\"")
            String amount,

            @NotNull LocalDate termStart,
            @NotNull LocalDate termEnd,

            @NotBlank @Text String resource,

            @NotNull LocalDate effectiveDate,

            @Reason String reason,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256) {}

    public record OptionRequest(
            @NotNull @LedgerId String optionId,

            @NotNull @Pattern(regexp = InputRules.AMOUNT, message = "must be a decimal string like \"6000000000.00\"")
            String maxAmount,

            @NotNull LocalDate exercisableFrom,
            @NotNull LocalDate expiresOn,
            @NotNull LocalDate effectiveDate,

            @Reason String reason,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256) {}

    public record ExerciseRequest(
            @NotNull @LedgerId String commitmentId,

            @NotNull @Pattern(regexp = InputRules.AMOUNT, message = "must be a decimal string like \"6000000000.00\"")
            String amount,

            @NotNull LocalDate termStart,
            @NotNull LocalDate termEnd,

            @NotBlank @Text String resource,

            @NotNull LocalDate effectiveDate,

            @Reason String reason,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256) {}

    public record AmendmentRequest(
            @NotNull @LedgerId String amendmentId,

            @Pattern(regexp = InputRules.SIGNED_AMOUNT, message = "must be a signed decimal string like \"-250000.00\"")
            String amountDelta,

            LocalDate newTermEnd,
            @NotNull LocalDate effectiveDate,

            @NotBlank @Reason String reason,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256) {}

    /** The body of POST /periods/{periodEnd}/close. */
    public record PeriodCloseRequest(@NotBlank @Reason String reason) {}

    public record TerminationRequest(
            @NotNull LocalDate effectiveDate,

            @NotBlank @Reason String reason,

            @Text String sourceReference,

            @Sha256 String sourceDocumentSha256) {}
}
