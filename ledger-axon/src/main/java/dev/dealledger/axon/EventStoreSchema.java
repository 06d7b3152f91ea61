package dev.dealledger.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** Names of the event store tables and columns, as the command service's Flyway migrations create them. */
public final class EventStoreSchema {

    public static final String SCHEMA = "event_store";
    public static final String EVENT_TABLE = SCHEMA + ".domain_event_entry";
    public static final String SNAPSHOT_TABLE = SCHEMA + ".snapshot_event_entry";

    private EventStoreSchema() {}

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable(SNAPSHOT_TABLE)
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .build();
    }
}
