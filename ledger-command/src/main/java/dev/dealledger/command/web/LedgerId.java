package dev.dealledger.command.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An id of the ledger: a letter or digit, then letters, digits, '.', '_' or '-', at most 64 characters (InputRules.ID); no path characters. Null passes; combine with {@code @NotNull} or {@code @NotBlank} where the field is required. Each
 * composing constraint reports its own message, as the documented problems list them.
 */
@Pattern(regexp = InputRules.ID, message = "must match " + InputRules.ID)
@Constraint(validatedBy = {})
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
public @interface LedgerId {
    String message() default "is not a valid value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
