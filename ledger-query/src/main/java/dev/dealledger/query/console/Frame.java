package dev.dealledger.query.console;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What every console page shows around its view: the title, who is signed in, the point on both time axes and the
 * form that changes it, and the links to the other views at the same point.
 *
 * @param view the view's name, for the navigation's current marker
 * @param asOf the effective date shown; null on pages that have none (verification)
 * @param knownAt the knowledge instant shown, always resolved (never "now")
 * @param action the path the time form submits to
 * @param keep the view's own parameters, carried through the time form unchanged
 * @param selfHref this page's own reproducible link
 * @param nowHref the same view as known now (the console resolves "now" to an instant and redirects)
 */
@TemplateData
public record Frame(
        String title,
        String view,
        String user,
        String asOf,
        String knownAt,
        String action,
        List<Field> keep,
        String selfHref,
        String nowHref,
        List<NavLink> nav) {

    /** A hidden form field. */
    @TemplateData
    public record Field(String name, String value) {}

    /** A link of the navigation; {@code current} marks the page's own view. */
    @TemplateData
    public record NavLink(String label, String href, boolean current) {}

    public boolean hasTime() {
        return asOf != null;
    }
}
