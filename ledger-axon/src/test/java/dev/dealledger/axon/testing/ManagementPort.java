package dev.dealledger.axon.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where a {@code @QuarkusTest} reaches health, metrics and the generated OpenAPI document: the management interface
 * listens on a port of its own, never on the API port.
 */
public final class ManagementPort {

    private ManagementPort() {}

    /** The management interface's port in a {@code @QuarkusTest} run. */
    public static int inTests() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
