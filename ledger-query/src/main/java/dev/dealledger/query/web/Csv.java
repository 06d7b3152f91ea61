package dev.dealledger.query.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled; lines end with CRLF.
 *
 * <p>A text that a spreadsheet would run as a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return) gets a leading apostrophe, so that a legal name such as {@code =HYPERLINK(...)} opens as
 * text. Plain decimal numbers, negative amounts included, are left as they are: they are data, not formulas.
 */
final class Csv {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private Csv() {}

    static String line(List<?> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = neutralised(value.toString());
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static String neutralised(String s) {
        if (s.isEmpty()
                || "=+-@\t\r".indexOf(s.charAt(0)) < 0
                || PLAIN_NUMBER.matcher(s).matches()) {
            return s;
        }
        return "'" + s;
    }
}
