package cloud.practice.support.tree;

import cloud.practice.support.tenancy.DistrictLookups;
import cloud.practice.events.Context;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitDetailsChanged;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitMerged;
import cloud.practice.events.hierarchy.OrgUnitMoved;
import cloud.practice.events.hierarchy.OrgUnitRelocated;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.events.hierarchy.OrgUnitSplit;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.support.geo.Geo;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * A service's own copy of the organisation tree, kept from hierarchy events (event-carried state transfer): which
 * units exist and are open, where they are, what they cover, which unit is above another and which lie inside a
 * unit's subtree (an admin's scope). Writes set state, so a replayed event changes nothing. A service that needs the
 * tree declares one as a bean; it then consumes the hierarchy topic like any {@link RoutedEventHandler}.
 */
@DistrictLookups
public class OrgUnitDirectory extends RoutedEventHandler {

    static final String COLLECTION = "org_unit_directory";
    /** The tree is at most center → institute → station → point deep; a walk up stops well beyond. */
    private static final int MAX_DEPTH = 16;

    private final MongoCollection<Document> units;

    public OrgUnitDirectory(MongoTemplate mongo) {
        this.units = mongo.getDb().getCollection(COLLECTION);
    }

    @Override
    public String name() {
        return "org-unit-directory";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    /** What each event of the tree changes; managers and pairings do not concern other services. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(OrgUnitEstablished.class, (e, at) -> units.replaceOne(eq("_id", key(e.districtId(), e.unitId())),
                        new Document()
                                .append("_id", key(e.districtId(), e.unitId())).append("districtId", e.districtId())
                                .append("unitId", e.unitId()).append("name", e.name()).append("tier", e.tier().name())
                                .append("parentId", e.parentId()).append("status", OrgUnitStatus.ACTIVE.name())
                                .append("location", point(e.location())).append("communities", e.communities()),
                        new ReplaceOptions().upsert(true)))
                .on(OrgUnitRenamed.class, (e, at) -> set(e.districtId(), e.unitId(), Updates.set("name", e.name())))
                .on(OrgUnitRelocated.class,
                        (e, at) -> set(e.districtId(), e.unitId(), Updates.set("location", point(e.location()))))
                .on(OrgUnitDetailsChanged.class,
                        (e, at) -> set(e.districtId(), e.unitId(), Updates.set("communities", e.communities())))
                .on(OrgUnitMoved.class, (e, at) -> set(e.districtId(), e.unitId(), Updates.set("parentId", e.toParentId())))
                .on(OrgUnitStatusChanged.class,
                        (e, at) -> set(e.districtId(), e.unitId(), Updates.set("status", e.status().name())))
                .on(OrgUnitMerged.class, (e, at) -> {
                    set(e.districtId(), e.unitId(), Updates.combine(Updates.set("status", OrgUnitStatus.CLOSED.name()),
                            Updates.set("communities", List.of())));
                    set(e.districtId(), e.survivorId(), Updates.addEachToSet("communities", e.movedCommunities()));
                    e.movedChildIds().forEach(child -> set(e.districtId(), child, Updates.set("parentId", e.survivorId())));
                })
                .on(OrgUnitSplit.class, (e, at) -> {
                    set(e.districtId(), e.unitId(), Updates.pullAll("communities", e.movedCommunities()));
                    set(e.districtId(), e.newUnitId(), Updates.addEachToSet("communities", e.movedCommunities()));
                });
    }

    /** Whether the district has any unit at all (a district the platform runs, as far as this service has seen). */
    public boolean hasDistrict(String districtId) {
        return districtId != null && units.find(eq("districtId", districtId)).first() != null;
    }

    /** The unit, if this district has it. */
    public Optional<Unit> unit(String districtId, String unitId) {
        if (districtId == null || unitId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(units.find(eq("_id", key(districtId, unitId))).first())
                .map(OrgUnitDirectory::unit);
    }

    /** Every unit of the district, as the tree is now (a roster import resolves its rows' home units at once). */
    public List<Unit> units(String districtId) {
        return StreamSupport.stream(units.find(eq("districtId", districtId)).spliterator(), false)
                .map(OrgUnitDirectory::unit).toList();
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

    /** The unit and every unit below it, as the tree is now: a unit's queue covers its subtree. */
    public Set<String> subtree(String districtId, String unitId) {
        java.util.Map<String, java.util.List<String>> children = new java.util.HashMap<>();
        for (Document unit : units.find(eq("districtId", districtId))) {
            String parent = unit.getString("parentId");
            if (parent != null) {
                children.computeIfAbsent(parent, key -> new java.util.ArrayList<>()).add(unit.getString("unitId"));
            }
        }
        Set<String> subtree = new java.util.LinkedHashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(List.of(unitId));
        while (!pending.isEmpty()) {
            String next = pending.poll();
            if (subtree.add(next)) {
                pending.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return subtree;
    }

    /** The open station nearest to a location (the responsible unit of a request placed there). */
    public Optional<Unit> nearestStation(String districtId, GeoPoint location) {
        Bson openStations = and(eq("districtId", districtId), eq("tier", OrgTier.STATION.name()),
                eq("status", OrgUnitStatus.ACTIVE.name()));
        return StreamSupport.stream(units.find(openStations).spliterator(), false).map(OrgUnitDirectory::unit)
                .filter(unit -> unit.location() != null)
                .min(Comparator.comparingDouble((Unit unit) -> Geo.distanceKm(location, unit.location()))
                        .thenComparing(Unit::unitId));
    }

    /** The open station covering a community (by name), if any. */
    public Optional<Unit> stationCovering(String districtId, String community) {
        return Optional.ofNullable(units.find(and(eq("districtId", districtId), eq("tier", OrgTier.STATION.name()),
                eq("status", OrgUnitStatus.ACTIVE.name()), eq("communities", community))).first())
                .map(OrgUnitDirectory::unit);
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

    /** A unit as other services know it. */
    public record Unit(String districtId, String unitId, String name, OrgTier tier, String parentId,
                       OrgUnitStatus status, GeoPoint location) {

        public boolean active() {
            return status == OrgUnitStatus.ACTIVE;
        }
    }
}
