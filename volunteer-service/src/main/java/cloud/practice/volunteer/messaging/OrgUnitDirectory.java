package cloud.practice.volunteer.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitMerged;
import cloud.practice.events.hierarchy.OrgUnitMoved;
import cloud.practice.events.hierarchy.OrgUnitRelocated;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.InboundEventHandler;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;

/**
 * volunteer-service's own copy of the organisation tree, kept from hierarchy events (event-carried state transfer):
 * which units exist and are open (home units of volunteers, units of teams), where they are, and which unit lies
 * inside which (the scope of an admin). Writes set state, so a replayed event changes nothing.
 */
@Component
public class OrgUnitDirectory implements InboundEventHandler {

    static final String COLLECTION = "org_units";
    /** The tree is at most center → institute → station → point deep; the walk stops well beyond. */
    private static final int MAX_DEPTH = 16;

    private final MongoCollection<Document> units;

    public OrgUnitDirectory(MongoTemplate mongo) {
        this.units = mongo.getDb().getCollection(COLLECTION);
    }

    @Override
    public String name() {
        return "org-units";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    @Override
    public void handle(InboundEvent event) {
        Object payload = event.payload();
        if (payload instanceof OrgUnitEstablished e) {
            units.replaceOne(eq("_id", key(e.districtId(), e.unitId())), new Document()
                            .append("_id", key(e.districtId(), e.unitId())).append("districtId", e.districtId())
                            .append("unitId", e.unitId()).append("name", e.name()).append("tier", e.tier().name())
                            .append("parentId", e.parentId()).append("status", OrgUnitStatus.ACTIVE.name())
                            .append("location", point(e.location())),
                    new ReplaceOptions().upsert(true));
        } else if (payload instanceof OrgUnitRenamed e) {
            set(e.districtId(), e.unitId(), Updates.set("name", e.name()));
        } else if (payload instanceof OrgUnitRelocated e) {
            set(e.districtId(), e.unitId(), Updates.set("location", point(e.location())));
        } else if (payload instanceof OrgUnitMoved e) {
            set(e.districtId(), e.unitId(), Updates.set("parentId", e.toParentId()));
        } else if (payload instanceof OrgUnitStatusChanged e) {
            set(e.districtId(), e.unitId(), Updates.set("status", e.status().name()));
        } else if (payload instanceof OrgUnitMerged e) {
            set(e.districtId(), e.unitId(), Updates.set("status", OrgUnitStatus.CLOSED.name()));
            e.movedChildIds().forEach(child -> set(e.districtId(), child, Updates.set("parentId", e.survivorId())));
        }
        // Other hierarchy events (details, splits' coverage, managers, pairings) do not concern volunteers.
    }

    /** The unit, if this district has it. */
    public Optional<Unit> unit(String districtId, String unitId) {
        if (districtId == null || unitId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(units.find(eq("_id", key(districtId, unitId))).first()).map(OrgUnitDirectory::unit);
    }

    /** Whether {@code unitId} is {@code ancestorId} or lies below it in the district's tree as it is now. */
    public boolean isWithin(String districtId, String unitId, String ancestorId) {
        String current = unitId;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(ancestorId)) {
                return true;
            }
            current = unit(districtId, current).map(Unit::parentId).orElse(null);
        }
        return false;
    }

    /** The unit and every unit below it, as the tree is now. */
    public Set<String> subtree(String districtId, String unitId) {
        Map<String, List<String>> children = new HashMap<>();
        for (Document document : units.find(eq("districtId", districtId))) {
            children.computeIfAbsent(document.getString("parentId"), parent -> new ArrayList<>())
                    .add(document.getString("unitId"));
        }
        Set<String> found = new LinkedHashSet<>();
        Deque<String> open = new ArrayDeque<>(List.of(unitId));
        while (!open.isEmpty()) {
            String next = open.pop();
            if (found.add(next)) {
                open.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return found;
    }

    private void set(String districtId, String unitId, Bson update) {
        units.updateOne(eq("_id", key(districtId, unitId)), update);
    }

    private static Document point(GeoPoint location) {
        return location == null ? null
                : new Document("latitude", location.latitude()).append("longitude", location.longitude());
    }

    private static Unit unit(Document document) {
        Document location = document.get("location", Document.class);
        return new Unit(document.getString("districtId"), document.getString("unitId"), document.getString("name"),
                OrgTier.valueOf(document.getString("tier")), document.getString("parentId"),
                OrgUnitStatus.valueOf(document.getString("status")),
                location == null ? null : new GeoPoint(location.getDouble("latitude"), location.getDouble("longitude")));
    }

    static String key(String districtId, String unitId) {
        return districtId + "|" + unitId;
    }

    /** A unit as volunteer-service knows it. */
    public record Unit(String districtId, String unitId, String name, OrgTier tier, String parentId,
                       OrgUnitStatus status, GeoPoint location) {

        public boolean active() {
            return status == OrgUnitStatus.ACTIVE;
        }
    }
}
