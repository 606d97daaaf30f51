package cloud.practice.request.directory;

import cloud.practice.events.Context;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitDetailsChanged;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitMerged;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import cloud.practice.support.tenancy.DistrictLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;

/**
 * The platforms each sub-center (文明实践分中心) runs, kept from the hierarchy topic: a sub-center admin handles the
 * requests and activities of these platforms across the whole district. The shared tree copy ({@code
 * OrgUnitDirectory}) keeps no platforms, so request-service keeps this small copy of its own. Only units established
 * as {@link OrgTier#SUB_CENTER} are kept; a closed (or merged) sub-center runs nothing. Keys are (district, unit id);
 * writes set state, so a redelivered event changes nothing.
 */
@DistrictLookups
public class SubCenterPlatforms extends RoutedEventHandler {

    static final String COLLECTION = "sub_center_platforms";

    private final MongoCollection<Document> subCenters;

    public SubCenterPlatforms(MongoTemplate mongo) {
        this.subCenters = mongo.getDb().getCollection(COLLECTION);
    }

    @Override
    public String name() {
        return "sub-center-platforms";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    /** A sub-center's platforms as established and changed, and whether it is closed. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(OrgUnitEstablished.class, (e, at) -> {
                    if (e.tier() == OrgTier.SUB_CENTER) {
                        subCenters.replaceOne(eq("_id", key(e.districtId(), e.unitId())), new Document("_id",
                                key(e.districtId(), e.unitId())).append("districtId", e.districtId())
                                .append("unitId", e.unitId()).append("platforms", names(e.platforms()))
                                .append("closed", false),
                                new ReplaceOptions().upsert(true));
                    }
                })
                .on(OrgUnitDetailsChanged.class,
                        (e, at) -> set(e.districtId(), e.unitId(), Updates.set("platforms", names(e.platforms()))))
                .on(OrgUnitStatusChanged.class,
                        (e, at) -> set(e.districtId(), e.unitId(), Updates.set("closed", e.status() == OrgUnitStatus.CLOSED)))
                .on(OrgUnitMerged.class, (e, at) -> set(e.districtId(), e.unitId(), Updates.set("closed", true)));
    }

    /** The platforms the sub-center runs; empty when the unit is no open sub-center of this district. */
    public Set<ServicePlatform> platforms(String districtId, String unitId) {
        if (districtId == null || unitId == null) {
            return Set.of();
        }
        Document found = subCenters.find(eq("_id", key(districtId, unitId))).first();
        if (found == null || Boolean.TRUE.equals(found.getBoolean("closed"))) {
            return Set.of();
        }
        Set<ServicePlatform> platforms = EnumSet.noneOf(ServicePlatform.class);
        found.getList("platforms", String.class, List.of()).forEach(name -> platforms.add(ServicePlatform.valueOf(name)));
        return platforms;
    }

    /** Only units already known as sub-centers change (other units are not kept). */
    private void set(String districtId, String unitId, Bson update) {
        subCenters.updateOne(eq("_id", key(districtId, unitId)), update);
    }

    private static List<String> names(Set<ServicePlatform> platforms) {
        return platforms == null ? List.of() : platforms.stream().map(Enum::name).sorted().toList();
    }

    static String key(String districtId, String unitId) {
        return districtId + "|" + unitId;
    }
}
