package dev.dealledger.query.console;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The console's number formats, exact: a decimal string from a view is regrouped by thousands, never parsed into a
 * floating point number, so the figure on the page is the API's digit for digit.
 */
final class Display {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    private Display() {}

    /** "14200000000.00" becomes "14,200,000,000.00"; anything that is not a plain decimal is returned unchanged. */
    static String grouped(String decimal) {
        if (decimal == null || !DECIMAL.matcher(decimal).matches()) {
            return decimal;
        }
        String sign = "";
        String digits = decimal;
        if (decimal.startsWith("-") || decimal.startsWith("+")) {
            sign = decimal.substring(0, 1);
            digits = decimal.substring(1);
        }
        int dot = digits.indexOf('.');
        String integer = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot);
        StringBuilder out = new StringBuilder(sign);
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(integer.charAt(i));
        }
        return out.append(fraction).toString();
    }

    /** An amount with its currency, grouped: "14,200,000,000.00 USD". */
    static String money(String amount, String currency) {
        return grouped(amount) + " " + currency;
    }

    /** {@code after - before} with an explicit sign, grouped; empty when either is not a plain decimal. */
    static String difference(String before, String after) {
        if (before == null
                || after == null
                || !DECIMAL.matcher(before).matches()
                || !DECIMAL.matcher(after).matches()) {
            return "";
        }
        BigDecimal change = new BigDecimal(after).subtract(new BigDecimal(before));
        return grouped(change.signum() > 0 ? "+" + change.toPlainString() : change.toPlainString());
    }

    /** An amount in minor units at the currency's scale, as the views write it ("189333333.33"). */
    static String ofMinor(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale).toPlainString();
    }
}
