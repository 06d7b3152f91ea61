package dev.dealledger.command.infra;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL as Axon's reference guide prescribes for its JPA entries on Hibernate 6 and later: Axon maps payload and
 * metadata as {@code @Lob byte[]}, which Hibernate would store as large-object {@code oid}s; the event table holds them
 * as {@code bytea}. Used only by the jpa event storage engine (the benchmark's peer, docs/benchmarks.md).
 */
public class ByteaEnforcedPostgresDialect extends PostgreSQLDialect {

    public ByteaEnforcedPostgresDialect() {
        super();
    }

    public ByteaEnforcedPostgresDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions
                .getTypeConfiguration()
                .getJdbcTypeRegistry()
                .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
