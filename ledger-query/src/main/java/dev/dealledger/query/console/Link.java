package dev.dealledger.query.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A console URL with its query, in a fixed parameter order so that the same state always reads as the same link. */
final class Link {

    private final String path;
    private final List<String[]> params = new ArrayList<>();
    private String fragment;

    private Link(String path) {
        this.path = path;
    }

    static Link to(String path) {
        return new Link(path);
    }

    /** Adds a parameter; a null or blank value is left out. */
    Link with(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            params.add(new String[] {name, value.toString()});
        }
        return this;
    }

    Link fragment(String value) {
        this.fragment = value;
        return this;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(path);
        char separator = '?';
        for (String[] p : params) {
            out.append(separator)
                    .append(URLEncoder.encode(p[0], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
            separator = '&';
        }
        if (fragment != null) {
            out.append('#').append(fragment);
        }
        return out.toString();
    }
}
