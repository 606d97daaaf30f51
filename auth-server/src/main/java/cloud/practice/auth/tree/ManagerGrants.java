package cloud.practice.auth.tree;

import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The managers the tree names ({@code ManagerAssigned} / {@code ManagerRevoked} of hierarchy-service): one record per
 * district, unit and person (the event's {@code userId} is the issuer's account id). Kept by account id in a
 * collection of their own, so an assignment that arrives before the account exists applies as soon as it does, and
 * order between this and the accounts never matters. Writes set state: a replay ends where it began.
 */
public class ManagerGrants extends RoutedEventHandler {

    static final String COLLECTION = "manager_grants";

    /** A unit a person manages and the role the tree named (a {@code ManagerRole} of hierarchy-service). */
    public record Grant(String districtId, String unitId, String role) {
    }

    private final MongoCollection<Document> grants;
    private final PeopleAudit audit;

    public ManagerGrants(MongoTemplate mongo, PeopleAudit audit) {
        this.grants = mongo.getDb().getCollection(COLLECTION);
        this.audit = audit;
        grants.createIndex(Indexes.ascending("accountId", "districtId"));
    }

    @Override
    public String name() {
        return "manager-grants";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    /** Grants follow the tree's assignments and revocations, each audited. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(ManagerAssigned.class, (e, at) -> {
                    String key = key(e.districtId(), e.unitId(), e.userId());
                    grants.replaceOne(eq("_id", key), new Document("_id", key).append("districtId", e.districtId())
                            .append("unitId", e.unitId()).append("accountId", e.userId()).append("role", e.role())
                            .append("assignedAt", Date.from(at.time().toInstant())), new ReplaceOptions().upsert(true));
                    audit.record("hierarchy", "tree-grant", e.districtId(), e.userId());
                })
                .on(ManagerRevoked.class, (e, at) -> {
                    if (grants.deleteOne(eq("_id", key(e.districtId(), e.unitId(), e.userId()))).getDeletedCount() > 0) {
                        audit.record("hierarchy", "tree-revoke", e.districtId(), e.userId());
                    }
                });
    }

    /** The units the tree has the account manage in its district now. */
    public List<Grant> of(String districtId, String accountId) {
        List<Grant> found = new ArrayList<>();
        grants.find(and(eq("accountId", accountId), eq("districtId", districtId))).forEach(d ->
                found.add(new Grant(d.getString("districtId"), d.getString("unitId"), d.getString("role"))));
        return found;
    }

    private static String key(String districtId, String unitId, String accountId) {
        return districtId + "|" + unitId + "|" + accountId;
    }
}
