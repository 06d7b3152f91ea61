package dev.dealledger.api.event.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dealledger.api.event.PeriodClosedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * PeriodClosedEvent revision 1 to 2: revision 1 held no figures. Nothing can supply them from the payload, so the new
 * fields are stated absent (JSON null); the query service derives such a close's figures as it always did, at the
 * close's recorded instant. Stored rows are never rewritten; they are upcast each time they are read.
 */
public final class PeriodClosedEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType FROM = new SimpleSerializedType(PeriodClosedEvent.class.getName(), "1");
    static final SimpleSerializedType TO = new SimpleSerializedType(PeriodClosedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(FROM);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(TO, JsonNode.class, PeriodClosedEventUpcaster::withoutFigures);
    }

    static JsonNode withoutFigures(JsonNode payload) {
        ObjectNode node = ((ObjectNode) payload).deepCopy();
        for (String field : new String[] {"closedAt", "digestEncoding", "digest", "asReported"}) {
            if (!node.has(field)) {
                node.putNull(field);
            }
        }
        return node;
    }
}
