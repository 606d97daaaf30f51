package cloud.practice.support.tree;

import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import cloud.practice.support.security.WithdrawnGrants;
import cloud.practice.support.tenancy.DistrictLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Date;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;

/**
 * The managers the tree has revoked, kept from hierarchy events in every service: {@code ManagerRevoked} records
 * (district, unit, person), a later {@code ManagerAssigned} of the same person to the same unit removes the record.
 * Events of one district arrive in order (one tree aggregate per district, one partition), and writes set state, so a
 * replay ends where it began. Read once per request of a tree-granted token (an {@code _id} look-up).
 */
@DistrictLookups
public class ManagerRevocations extends RoutedEventHandler implements WithdrawnGrants {

    static final String COLLECTION = "manager_revocations";

    private final MongoCollection<Document> revoked;

    public ManagerRevocations(MongoTemplate mongo) {
        this.revoked = mongo.getDb().getCollection(COLLECTION);
    }

    @Override
    public String name() {
        return "manager-revocations";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    /** A revocation is remembered; a new assignment of the same manager to the unit forgets it. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(ManagerRevoked.class, (e, at) -> {
                    String key = key(e.districtId(), e.unitId(), e.userId());
                    revoked.replaceOne(eq("_id", key), new Document("_id", key).append("districtId", e.districtId())
                                    .append("unitId", e.unitId()).append("userId", e.userId())
                                    .append("revokedAt", Date.from(at.time().toInstant())),
                            new ReplaceOptions().upsert(true));
                })
                .on(ManagerAssigned.class,
                        (e, at) -> revoked.deleteOne(eq("_id", key(e.districtId(), e.unitId(), e.userId()))));
    }

    @Override
    public boolean isWithdrawn(String districtId, String unitId, String userId) {
        return revoked.find(eq("_id", key(districtId, unitId, userId))).first() != null;
    }

    private static String key(String districtId, String unitId, String userId) {
        return districtId + "/" + unitId + "/" + userId;
    }
}
