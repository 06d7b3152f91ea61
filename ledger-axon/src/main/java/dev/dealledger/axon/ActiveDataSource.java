package dev.dealledger.axon;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one datasource that is active at run time. Both services declare an embedded H2 datasource and a PostgreSQL
 * one over the same code; a runtime profile switches exactly one of them on (docs/adr/0002).
 */
@ApplicationScoped
public class ActiveDataSource {

    private final AgroalDataSource dataSource;

    @Inject
    public ActiveDataSource(@Any InjectableInstance<AgroalDataSource> dataSources) {
        this.dataSource = dataSources.getActive();
    }

    public AgroalDataSource get() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** True when the active database is PostgreSQL, false for the embedded H2 default. */
    public boolean isPostgres() {
        return dataSource
                .getConfiguration()
                .connectionPoolConfiguration()
                .connectionFactoryConfiguration()
                .jdbcUrl()
                .startsWith("jdbc:postgresql:");
    }
}
