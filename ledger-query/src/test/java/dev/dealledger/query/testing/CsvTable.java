package dev.dealledger.query.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict RFC 4180 reader for the CSV exports: CRLF line ends, quoted fields, doubled quotes inside quotes. */
public final class CsvTable {

    private final List<String> header;
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    public static CsvTable parse(String text) {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new AssertionError("CSV has no header line");
        }
        List<String> header = records.get(0);
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).size() != header.size()) {
                throw new AssertionError("CSV record " + i + " has "
                        + records.get(i).size() + " fields, header has " + header.size() + ": " + records.get(i));
            }
        }
        return new CsvTable(header, records.subList(1, records.size()));
    }

    public List<String> header() {
        return header;
    }

    public List<Map<String, String>> rows() {
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), r.get(i));
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean fieldStarted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0) {
                    throw new AssertionError("quote inside an unquoted field at offset " + i);
                }
                quoted = true;
                fieldStarted = true;
                i++;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new AssertionError("bare CR at offset " + i);
                }
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                i += 2;
            } else if (c == '\n') {
                throw new AssertionError("line ends with LF, not CRLF, at offset " + i);
            } else {
                field.append(c);
                fieldStarted = true;
                i++;
            }
        }
        if (quoted) {
            throw new AssertionError("unterminated quoted field");
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
            throw new AssertionError("last CSV line does not end with CRLF");
        }
        return records;
    }
}
