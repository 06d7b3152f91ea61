package dev.dealledger.e2e.reliability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line per scenario with the figures docs/reliability.md reports, printed to the test output so that a run can be
 * quoted: {@code RELIABILITY <scenario> key=value ...}.
 */
final class Summary {

    private final String scenario;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    Summary(String scenario) {
        this.scenario = scenario;
    }

    Summary put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    void print() {
        System.out.println("RELIABILITY " + scenario + " "
                + figures.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")));
    }
}
