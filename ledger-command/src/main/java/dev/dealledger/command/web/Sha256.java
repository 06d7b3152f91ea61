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
 * The SHA-256 of a source document: exactly 64 lower-case hex characters (InputRules.SHA256). Null passes: the field
 * is optional wherever it appears.
 */
@Pattern(regexp = InputRules.SHA256, message = "must be a SHA-256 as 64 lower-case hexadecimal characters")
@Constraint(validatedBy = {})
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
public @interface Sha256 {
    String message() default "is not a valid value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
