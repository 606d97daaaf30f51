package cloud.practice.request.directory;

import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import cloud.practice.support.tenancy.DistrictLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;

/**
 * request-service's copy of hierarchy-service's pairings (结对共建), kept from the hierarchy topic: which pairings a
 * district has and which are still running, so an activity names only a running pairing of its own district. Keys
 * are (district, pairing id); writes set state, so a redelivered event changes nothing.
 */
@DistrictLookups
public class PairingDirectory extends RoutedEventHandler {

    static final String COLLECTION = "pairing_directory";

    private final MongoCollection<Document> pairings;

    public PairingDirectory(MongoTemplate mongo) {
        this.pairings = mongo.getDb().getCollection(COLLECTION);
    }

    @Override
    public String name() {
        return "pairing-directory";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    /** Pairings formed and ended. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(PairingFormed.class, (e, at) -> set(e.districtId(), e.pairingId(), Updates.combine(
                        Updates.set("formed", true), Updates.set("partnerId", e.partnerId()))))
                .on(PairingEnded.class, (e, at) -> set(e.districtId(), e.pairingId(), Updates.set("ended", true)));
    }

    /** The pairing as last heard of in this district; empty when the district has no such pairing. */
    public Optional<KnownPairing> pairing(String districtId, String pairingId) {
        if (districtId == null || pairingId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(pairings.find(eq("_id", key(districtId, pairingId))).first())
                .filter(document -> Boolean.TRUE.equals(document.getBoolean("formed")))
                .map(document -> new KnownPairing(districtId, pairingId, document.getString("partnerId"),
                        !Boolean.TRUE.equals(document.getBoolean("ended"))));
    }

    /** Whether this district has the pairing and it has not ended. */
    public boolean active(String districtId, String pairingId) {
        return pairing(districtId, pairingId).map(KnownPairing::active).orElse(false);
    }

    private void set(String districtId, String pairingId, Bson update) {
        pairings.updateOne(eq("_id", key(districtId, pairingId)), Updates.combine(update,
                Updates.set("districtId", districtId), Updates.set("pairingId", pairingId)),
                new UpdateOptions().upsert(true));
    }

    static String key(String districtId, String pairingId) {
        return districtId + "|" + pairingId;
    }

    /** A pairing as request-service knows it. */
    public record KnownPairing(String districtId, String pairingId, String partnerId, boolean active) {
    }
}
