package dev.dealledger.axon;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions mapped onto the Quarkus JTA transaction.
 *
 * <p>Inside an active JTA transaction (a REST call that also writes its idempotency record) Axon joins it, so the
 * events and everything else commit or roll back together. Otherwise (processor threads) Axon begins one, so that a
 * projection write and its token update commit together. Processor threads have no CDI request context, without which
 * the {@code EntityManager} refuses to work, so one is activated for the span of the transaction.
 */
public class JtaTransactionManager implements TransactionManager {

    private static final int DEFAULT_TIMEOUT_SECONDS = 60;

    private final jakarta.transaction.TransactionManager jta;
    private final int timeoutSeconds;

    public JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this(jta, DEFAULT_TIMEOUT_SECONDS);
    }

    public JtaTransactionManager(jakarta.transaction.TransactionManager jta, int timeoutSeconds) {
        this.jta = jta;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                return JOINED;
            }
            ManagedContext requestContext = Arc.container().requestContext();
            boolean activatedContext = !requestContext.isActive();
            if (activatedContext) {
                requestContext.activate();
            }
            jta.setTransactionTimeout(timeoutSeconds);
            jta.begin();
            return new Begun(jta, requestContext, activatedContext);
        } catch (Exception e) {
            throw new IllegalStateException("could not begin a JTA transaction", e);
        }
    }

    /** Joined transactions are committed by whoever began them. */
    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {}

        @Override
        public void rollback() {}
    };

    private record Begun(jakarta.transaction.TransactionManager jta, ManagedContext context, boolean ownsContext)
            implements Transaction {

        @Override
        public void commit() {
            try {
                if (jta.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    jta.rollback();
                    throw new IllegalStateException("transaction was marked for rollback");
                }
                jta.commit();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not commit the JTA transaction", e);
            } finally {
                endContext();
            }
        }

        @Override
        public void rollback() {
            try {
                if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    jta.rollback();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("could not roll back the JTA transaction", e);
            } finally {
                endContext();
            }
        }

        private void endContext() {
            if (ownsContext && context.isActive()) {
                context.terminate();
            }
        }
    }
}
