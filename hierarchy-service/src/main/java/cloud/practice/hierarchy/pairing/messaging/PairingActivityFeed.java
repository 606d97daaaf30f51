package cloud.practice.hierarchy.pairing.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RecordPairingActivityCommand;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.InboundEventHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Set;

/**
 * Activities that request-service publishes on behalf of a pairing land in the pairing's activity log when they
 * close. The link between activity and pairing is remembered from {@code ActivityPublished}; recording is
 * idempotent per activity id, so redelivery changes nothing.
 */
@Component
public class PairingActivityFeed implements InboundEventHandler {

    static final String LINKS = "pairing_activity_links";

    private final CommandGateway commands;
    private final MongoTemplate mongo;
    private final Clock districtClock;

    public PairingActivityFeed(CommandGateway commands, MongoTemplate mongo, Clock districtClock) {
        this.commands = commands;
        this.mongo = mongo;
        this.districtClock = districtClock;
    }

    @Override
    public String name() {
        return "pairing-activities";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.REQUEST);
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.payload() instanceof ActivityPublished published && published.pairingId() != null) {
            mongo.getCollection(LINKS).replaceOne(new Document("_id", published.activityId()),
                    new Document("_id", published.activityId())
                            .append("districtId", published.districtId())
                            .append("pairingId", published.pairingId())
                            .append("stationId", published.unitId())
                            .append("title", published.title())
                            .append("heldOn", published.startsAt().atZone(districtClock.getZone()).toLocalDate()
                                    .toString()),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
        } else if (event.payload() instanceof ActivityClosed closed) {
            Document link = mongo.getCollection(LINKS).find(new Document("_id", closed.activityId())).first();
            if (link != null && link.getString("districtId").equals(closed.districtId())) {
                commands.sendAndWait(new RecordPairingActivityCommand(link.getString("pairingId"),
                        closed.districtId(), link.getString("stationId"), closed.activityId(),
                        link.getString("title"), java.time.LocalDate.parse(link.getString("heldOn"))));
            }
        }
    }
}
