package dev.dealledger.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh PostgreSQL database per test class, on the machine's server. */
public final class TestDatabase {

    private TestDatabase() {}

    public static String recreate(String name) throws SQLException {
        String server = System.getProperty("ledger.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
        String user = System.getProperty("ledger.test.pg.user", "postgres");
        try (Connection c = DriverManager.getConnection(server + "postgres", user, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        return server + name;
    }
}
