package dev.dealledger.demo;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Formats the ledger's decimal strings for people, exactly: no floating point on the way. */
public final class Amounts {

    private static final Pattern DECIMAL = Pattern.compile("^[+-]?[0-9]+(\\.[0-9]+)?$");

    private Amounts() {}

    /** "14200000000.00" becomes "14,200,000,000.00"; anything that is not a plain decimal is returned unchanged. */
    public static String grouped(String decimal) {
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
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(integer.charAt(i));
        }
        return sign + grouped + fraction;
    }

    /**
     * {@code after - before} with an explicit sign, grouped, at the larger scale of the two; empty when either is not a
     * plain decimal (so a change of a text value prints no difference).
     */
    public static String difference(String before, String after) {
        if (before == null || after == null) {
            return "";
        }
        if (!DECIMAL.matcher(before).matches() || !DECIMAL.matcher(after).matches()) {
            return "";
        }
        BigDecimal change = new BigDecimal(after).subtract(new BigDecimal(before));
        String plain = change.toPlainString();
        return grouped(change.signum() > 0 ? "+" + plain : plain);
    }

    /** Adds decimal strings exactly; the scale is the largest of theirs. */
    public static String sum(Iterable<String> decimals) {
        BigDecimal total = BigDecimal.ZERO;
        for (String d : decimals) {
            total = total.add(new BigDecimal(d));
        }
        return total.toPlainString();
    }
}
