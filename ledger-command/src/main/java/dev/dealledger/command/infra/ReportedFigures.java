package dev.dealledger.command.infra;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The figures a period close records, read from the query service: the command service records facts but holds no
 * read model, and the figures as reported must be the exposure read's own (docs/domain.md, "Period close"). It asks
 * {@code GET /api/v1/exposure} at (asOf = period end, knownAt = the settled instant) with {@code X-Ledger-Min-Position}
 * = the settled position, under the caller's own token, and follows the cursor, which pins every page to the first
 * page's snapshot.
 */
@ApplicationScoped
public class ReportedFigures {

    /** The largest page the exposure read serves. */
    private static final int PAGE = 1000;

    /** A tolerant reader: the exposure rows carry fields (legal names, reporting) the close does not record. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @ConfigProperty(name = "ledger.query.url")
    URI queryUrl;

    /** Bounds each page's request; at 1,000,000 events the first page folds the whole ledger (docs/benchmarks.md). */
    @ConfigProperty(name = "ledger.query.timeout")
    Duration timeout;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The query service did not answer the figures; nothing was recorded. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The caller may not read the figures it would record: the query service refused its token. Closing a period takes
     * both {@code ledger-controller} and {@code ledger-auditor} (docs/security.md).
     */
    public static final class NotAllowedException extends RuntimeException {
        public NotAllowedException(String message) {
            super(message);
        }
    }

    /** Every exposure row at (periodEnd, knownAt), in the order served. */
    public List<PeriodClosedEvent.ReportedRow> exposure(
            LocalDate periodEnd, Instant knownAt, long minPosition, String authorization) {
        List<PeriodClosedEvent.ReportedRow> rows = new ArrayList<>();
        String cursor = null;
        do {
            String query = cursor == null
                    ? "asOf=" + periodEnd + "&knownAt=" + encode(knownAt.toString()) + "&limit=" + PAGE
                    : "cursor=" + encode(cursor) + "&limit=" + PAGE;
            ExposureView page = page(URI.create(base() + "/api/v1/exposure?" + query), minPosition, authorization);
            if (!page.asOf().equals(periodEnd) || !page.knownAt().equals(knownAt)) {
                throw new UnavailableException(
                        "the query service answered exposure at (" + page.asOf() + ", " + page.knownAt() + ") for ("
                                + periodEnd + ", " + knownAt + ")",
                        null);
            }
            page.rows().forEach(r -> rows.add(reported(r)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return rows;
    }

    /** The configured address without a trailing slash; a path prefix in it (a gateway's) is kept. */
    private String base() {
        String url = queryUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private ExposureView page(URI uri, long minPosition, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Ledger-Min-Position", Long.toString(minPosition))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UnavailableException("the query service at " + queryUrl + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while reading the figures", e);
        }
        // 401 here means the two services disagree about tokens (key, issuer, audience): this one accepted it. That is
        // the operators' to fix, so it falls to the 503 below; only 403 is the caller's missing role.
        if (response.statusCode() == 403) {
            throw new NotAllowedException(
                    "a period close records the exposure rows as reported, which the token may not"
                            + " read: closing takes both ledger-controller and ledger-auditor");
        }
        if (response.statusCode() != 200) {
            throw new UnavailableException(
                    "the query service answered " + response.statusCode() + " for the exposure at the period end: "
                            + new String(response.body(), StandardCharsets.UTF_8),
                    null);
        }
        try {
            return JSON.readValue(response.body(), ExposureView.class);
        } catch (IOException e) {
            throw new UnavailableException("the query service's exposure answer could not be read", e);
        }
    }

    private static PeriodClosedEvent.ReportedRow reported(ExposureRowView r) {
        return new PeriodClosedEvent.ReportedRow(
                r.counterpartyId(),
                r.currency(),
                r.direction(),
                r.committed(),
                r.elapsed(),
                r.remaining(),
                r.potential(),
                r.exposure(),
                r.concentration(),
                r.deals(),
                r.commitments(),
                r.optionsOpen(),
                r.optionsExercised(),
                r.amendments());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
