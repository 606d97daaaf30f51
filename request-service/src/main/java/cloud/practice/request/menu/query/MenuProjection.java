package cloud.practice.request.menu.query;

import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.MenuItemRetired;
import cloud.practice.request.menu.api.LocationRule;
import cloud.practice.request.menu.api.MenuInternalEvents.LocationRuleSet;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuDefaultsSet;
import cloud.practice.request.menu.api.PhotoRule;
import cloud.practice.request.menu.api.MenuInternalEvents.PhotoRuleSet;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuItemDefined;
import cloud.practice.support.axon.BatchedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** The menu as documents; each handler sets state, so replays change nothing. */
@Component
@ProcessingGroup("menu-view")
public class MenuProjection {

    static final String DEFAULTS = "menu_defaults";
    static final String LOCATION_RULES = "location_rules";
    static final String PHOTO_RULES = "photo_rules";

    private final MongoTemplate mongo;
    private final BatchedViews views;

    public MenuProjection(MongoTemplate mongo, BatchedViews views) {
        this.mongo = mongo;
        this.views = views;
    }

    @EventHandler
    void on(MenuItemPublished event, @SequenceNumber long sequence) {
        MenuItemView item = Optional.ofNullable(views.find(MenuItemView.class, event.itemId()))
                .orElseGet(MenuItemView::new);
        item.itemId = event.itemId();
        item.districtId = event.districtId();
        item.code = event.code();
        item.name = event.name();
        item.platform = event.platform();
        item.minimumSkillLevel = event.minimumSkillLevel();
        item.expectedMinutes = event.expectedMinutes();
        item.peopleNeeded = event.peopleNeeded();
        item.offeringUnitIds = new ArrayList<>(event.offeringUnitIds());
        item.active = true;
        item.version = sequence;
        views.save(item);
    }

    @EventHandler
    void on(MenuItemDefined event, @SequenceNumber long sequence) {
        MenuItemView item = views.find(MenuItemView.class, event.itemId());
        item.description = event.description();
        item.keywords = new ArrayList<>(event.keywords());
        item.fields = new ArrayList<>(event.fields());
        item.sla = new LinkedHashMap<>();
        event.sla().forEach((stage, duration) -> item.sla.put(stage.name(), duration.toString()));
        item.reopenWindow = event.reopenWindow().toString();
        item.version = sequence;
        views.save(item);
    }

    @EventHandler
    void on(MenuItemRetired event, @SequenceNumber long sequence) {
        MenuItemView item = views.find(MenuItemView.class, event.itemId());
        item.active = false;
        item.version = sequence;
        views.save(item);
    }

    @EventHandler
    void on(MenuDefaultsSet event) {
        org.bson.Document defaults = new org.bson.Document("_id", event.districtId())
                .append("reopenWindow", event.reopenWindow().toString());
        org.bson.Document sla = new org.bson.Document();
        event.sla().forEach((stage, duration) -> sla.append(stage.name(), duration.toString()));
        mongo.getCollection(DEFAULTS).replaceOne(new org.bson.Document("_id", event.districtId()),
                defaults.append("sla", sla), new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** The district's defaults: stage → ISO duration, and "reopenWindow"; empty when none were set. */
    public java.util.Map<String, String> defaults(String districtId) {
        org.bson.Document found = mongo.getCollection(DEFAULTS).find(new org.bson.Document("_id", districtId)).first();
        java.util.Map<String, String> defaults = new LinkedHashMap<>();
        if (found != null) {
            found.get("sla", org.bson.Document.class).forEach((stage, duration) -> defaults.put(stage, (String) duration));
            defaults.put("reopenWindow", found.getString("reopenWindow"));
        }
        return defaults;
    }

    @EventHandler
    void on(LocationRuleSet event) {
        mongo.getCollection(LOCATION_RULES).replaceOne(new org.bson.Document("_id", event.districtId()),
                new org.bson.Document("_id", event.districtId()).append("limitMeters", event.limitMeters())
                        .append("beyond", event.beyond().name()),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** The district's check-in location rule: its own once set, else {@link LocationRule#DEFAULT}. */
    public LocationRule locationRule(String districtId) {
        org.bson.Document found = mongo.getCollection(LOCATION_RULES).find(new org.bson.Document("_id", districtId))
                .first();
        return found == null ? LocationRule.DEFAULT
                : new LocationRule(found.getInteger("limitMeters"), LocationRule.Beyond.valueOf(found.getString("beyond")));
    }

    @EventHandler
    void on(PhotoRuleSet event) {
        mongo.getCollection(PHOTO_RULES).replaceOne(new org.bson.Document("_id", event.districtId()),
                new org.bson.Document("_id", event.districtId()).append("keepLocation", event.keepLocation()),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** The district's photo rule: its own once set, else {@link PhotoRule#DEFAULT} (locations not kept). */
    public PhotoRule photoRule(String districtId) {
        org.bson.Document found = mongo.getCollection(PHOTO_RULES).find(new org.bson.Document("_id", districtId))
                .first();
        return found == null ? PhotoRule.DEFAULT : new PhotoRule(Boolean.TRUE.equals(found.getBoolean("keepLocation")));
    }

    public List<MenuItemView> menu(String districtId) {
        return mongo.find(Query.query(Criteria.where("districtId").is(districtId)), MenuItemView.class);
    }

    public Optional<MenuItemView> item(String itemId) {
        return Optional.ofNullable(mongo.findById(itemId, MenuItemView.class));
    }
}
