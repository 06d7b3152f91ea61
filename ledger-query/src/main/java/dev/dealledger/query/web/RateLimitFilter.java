package dev.dealledger.query.web;

import dev.dealledger.axon.security.SubjectRateLimit;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Counts every API request against its subject's rate ({@link SubjectRateLimit}); one over it is answered 429 with
 * Retry-After. Only the resources pass here: health, metrics and OpenAPI are served outside them and are never limited.
 *
 * <p>The same in both services on purpose: the limit itself is shared ({@link SubjectRateLimit} in ledger-axon), but a
 * request filter belongs to the service's REST layer, which ledger-axon does not depend on.
 */
public class RateLimitFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    SubjectRateLimit limits;

    /** Authenticates (lazily, as the resources would) to learn the subject; a bad token fails here, as 401. */
    @ServerRequestFilter
    public Uni<Void> limit() {
        return identities.getDeferredIdentity().invoke(limits::admit).replaceWithVoid();
    }
}
