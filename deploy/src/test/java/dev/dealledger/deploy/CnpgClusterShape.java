package dev.dealledger.deploy;

import static dev.dealledger.deploy.Shape.bool;
import static dev.dealledger.deploy.Shape.fields;
import static dev.dealledger.deploy.Shape.text;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;

/**
 * The allow-list against which a CloudNativePG {@code Cluster} (postgresql.cnpg.io/v1) is checked, since no typed
 * model of it is published on Maven Central. It lists the fields {@code deploy/} uses or the runbook tells operators
 * to add, with the names and types of the CloudNativePG API reference; any other field fails the check, even one
 * the real CRD would accept. Add a field here, with its type, before using it in a manifest.
 *
 * <pre>
 * apiVersion, kind, metadata (strict ObjectMeta)
 * spec.instances (1..9, required), imageName, description
 * spec.primaryUpdateStrategy (unsupervised|supervised), spec.primaryUpdateMethod (switchover|restart)
 * spec.enableSuperuserAccess, spec.startDelay, spec.stopDelay
 * spec.bootstrap.initdb.{database, owner, secret.name, dataChecksums, encoding}
 * spec.bootstrap.recovery.{source (required), database, owner, secret.name,
 *                          recoveryTarget.{targetTime, targetLSN, targetName, targetImmediate}}
 * spec.externalClusters[].{name (required), plugin.{name (required), parameters}}
 * spec.plugins[].{name (required), enabled, isWALArchiver, parameters}
 * spec.postgresql.parameters (string to string)
 * spec.storage / spec.walStorage .{size (required), storageClass, resizeInUseVolumes}
 * spec.resources (strict ResourceRequirements)
 * spec.affinity.{enablePodAntiAffinity, topologyKey, podAntiAffinityType (preferred|required), nodeSelector,
 *                tolerations (strict Toleration)}
 * spec.inheritedMetadata.{labels, annotations}
 * spec.monitoring.enablePodMonitor
 * spec.managed.roles[].{name (required), ensure (present|absent), comment, login, superuser, createdb, createrole,
 *                       inherit, replication, bypassrls, connectionLimit, validUntil, inRoles, passwordSecret.name,
 *                       disablePassword}
 * </pre>
 *
 * <p>The recovery, external-cluster and plugin fields are those the runbook's backup and restore section uses
 * (the Barman Cloud plugin); {@link #SCHEDULED_BACKUP} is the allow-list of the ScheduledBackup it shows:
 *
 * <pre>
 * spec.{schedule (required), cluster.name (required), method (barmanObjectStore|volumeSnapshot|plugin),
 *       pluginConfiguration.{name (required), parameters}, backupOwnerReference (none|self|cluster), immediate,
 *       suspend, target (primary|prefer-standby)}
 * </pre>
 */
final class CnpgClusterShape {

    private static final Shape STRING_MAP = new Shape.MapOf(text());

    private static final Shape STORAGE = fields("size!", text(), "storageClass", text(), "resizeInUseVolumes", bool());

    private static final Shape ROLE = fields(
            "name!", text(),
            "ensure", text("present", "absent"),
            "comment", text(),
            "login", bool(),
            "superuser", bool(),
            "createdb", bool(),
            "createrole", bool(),
            "inherit", bool(),
            "replication", bool(),
            "bypassrls", bool(),
            "connectionLimit", new Shape.Int(-1, 10_000),
            "validUntil", text(),
            "inRoles", new Shape.ListOf(text()),
            "passwordSecret", fields("name!", text()),
            "disablePassword", bool());

    private static final Shape PLUGIN = fields("name!", text(), "parameters", STRING_MAP);

    private static final Shape SPEC = fields(
            "instances!", new Shape.Int(1, 9),
            "imageName", text(),
            "description", text(),
            "primaryUpdateStrategy", text("unsupervised", "supervised"),
            "primaryUpdateMethod", text("switchover", "restart"),
            "enableSuperuserAccess", bool(),
            "startDelay", new Shape.Int(1, 86_400),
            "stopDelay", new Shape.Int(1, 86_400),
            "bootstrap",
                    fields(
                            "initdb",
                            fields(
                                    "database", text(),
                                    "owner", text(),
                                    "secret", fields("name!", text()),
                                    "dataChecksums", bool(),
                                    "encoding", text()),
                            "recovery",
                            fields(
                                    "source!",
                                    text(),
                                    "database",
                                    text(),
                                    "owner",
                                    text(),
                                    "secret",
                                    fields("name!", text()),
                                    "recoveryTarget",
                                    fields(
                                            "targetTime", text(),
                                            "targetLSN", text(),
                                            "targetName", text(),
                                            "targetImmediate", bool()))),
            "externalClusters", new Shape.ListOf(fields("name!", text(), "plugin", PLUGIN)),
            "plugins",
                    new Shape.ListOf(fields(
                            "name!", text(),
                            "enabled", bool(),
                            "isWALArchiver", bool(),
                            "parameters", STRING_MAP)),
            "postgresql", fields("parameters", STRING_MAP),
            "storage!", STORAGE,
            "walStorage", STORAGE,
            "resources", new Shape.Typed(ResourceRequirements.class),
            "affinity",
                    fields(
                            "enablePodAntiAffinity", bool(),
                            "topologyKey", text(),
                            "podAntiAffinityType", text("preferred", "required"),
                            "nodeSelector", STRING_MAP,
                            "tolerations", new Shape.ListOf(new Shape.Typed(Toleration.class))),
            "inheritedMetadata", fields("labels", STRING_MAP, "annotations", STRING_MAP),
            "monitoring", fields("enablePodMonitor", bool()),
            "managed", fields("roles", new Shape.ListOf(ROLE)));

    static final Shape CLUSTER = fields(
            "apiVersion!",
            text("postgresql.cnpg.io/v1"),
            "kind!",
            text("Cluster"),
            "metadata!",
            new Shape.Typed(ObjectMeta.class),
            "spec!",
            SPEC);

    static final Shape SCHEDULED_BACKUP = fields(
            "apiVersion!", text("postgresql.cnpg.io/v1"),
            "kind!", text("ScheduledBackup"),
            "metadata!", new Shape.Typed(ObjectMeta.class),
            "spec!",
                    fields(
                            "schedule!", text(),
                            "cluster!", fields("name!", text()),
                            "method", text("barmanObjectStore", "volumeSnapshot", "plugin"),
                            "pluginConfiguration", PLUGIN,
                            "backupOwnerReference", text("none", "self", "cluster"),
                            "immediate", bool(),
                            "suspend", bool(),
                            "target", text("primary", "prefer-standby")));

    private CnpgClusterShape() {}
}
