package dev.dealledger.api.event.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dealledger.api.event.AgreementSignedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * AgreementSignedEvent revision 1 to 2: revision 1 had no {@code effectiveDate}; an agreement holds from its signing
 * date, so that is what it becomes. Stored rows are never rewritten; they are upcast each time they are read.
 */
public final class AgreementSignedEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType FROM = new SimpleSerializedType(AgreementSignedEvent.class.getName(), "1");
    static final SimpleSerializedType TO = new SimpleSerializedType(AgreementSignedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(FROM);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(TO, JsonNode.class, AgreementSignedEventUpcaster::withEffectiveDate);
    }

    static JsonNode withEffectiveDate(JsonNode payload) {
        ObjectNode node = ((ObjectNode) payload).deepCopy();
        if (!node.hasNonNull("effectiveDate")) {
            node.set("effectiveDate", node.get("signedOn"));
        }
        return node;
    }
}
