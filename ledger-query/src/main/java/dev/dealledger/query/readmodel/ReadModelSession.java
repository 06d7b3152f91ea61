package dev.dealledger.query.readmodel;

import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.hibernate.Session;

/**
 * The Hibernate session of the one active persistence unit (embedded H2 or PostgreSQL, chosen at run time; see
 * docs/adr/0002). Resolved lazily on each call: the session is bound to the current transaction.
 */
@ApplicationScoped
public class ReadModelSession {

    @Inject
    @Any
    InjectableInstance<Session> sessions;

    public Session get() {
        return sessions.getActive();
    }
}
