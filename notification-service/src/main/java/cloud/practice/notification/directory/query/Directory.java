package cloud.practice.notification.directory.query;

import cloud.practice.support.tenancy.DistrictLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Who is who and what is what, kept from other services' events (ADR 0023): the units with their names and managers,
 * which account a volunteer is, teams' leaders, the menu's names, and the facts of each order and activity a notice
 * needs. Every key starts with the district, so an id of another district is simply not there. Writes are
 * idempotent (set the state the event names), as at-least-once delivery needs.
 */
@Component
@DistrictLookups
public class Directory {

    /** What notices need to know of an order. */
    public record Order(String requestId, String requesterId, String unitId, String menuItemId,
                        Instant preferredFrom, String volunteerId) {
    }

    /** What notices need to know of an activity. */
    public record Activity(String activityId, String title, String place, Instant startsAt) {
    }

    private final MongoCollection<Document> units;
    private final MongoCollection<Document> links;
    private final MongoCollection<Document> teams;
    private final MongoCollection<Document> menu;
    private final MongoCollection<Document> orders;
    private final MongoCollection<Document> activities;

    public Directory(MongoTemplate mongo) {
        this.units = mongo.getDb().getCollection("directory_units");
        this.links = mongo.getDb().getCollection("directory_links");
        this.teams = mongo.getDb().getCollection("directory_teams");
        this.menu = mongo.getDb().getCollection("directory_menu");
        this.orders = mongo.getDb().getCollection("directory_orders");
        this.activities = mongo.getDb().getCollection("directory_activities");
        links.createIndex(Indexes.ascending("districtId", "accountId"));
    }

    // --- units and their managers -------------------------------------------------------------------------------

    public void unitNamed(String districtId, String unitId, String name) {
        units.updateOne(eq("_id", key(districtId, unitId)), Updates.combine(Updates.set("districtId", districtId),
                Updates.set("name", name)), upsert());
    }

    public Optional<String> unitName(String districtId, String unitId) {
        return Optional.ofNullable(units.find(eq("_id", key(districtId, unitId))).first())
                .map(unit -> unit.getString("name"));
    }

    public void managerAssigned(String districtId, String unitId, String accountId) {
        units.updateOne(eq("_id", key(districtId, unitId)), Updates.combine(Updates.set("districtId", districtId),
                Updates.addToSet("managers", accountId)), upsert());
    }

    public void managerRevoked(String districtId, String unitId, String accountId) {
        units.updateOne(eq("_id", key(districtId, unitId)), Updates.pull("managers", accountId));
    }

    /** Every district with a unit in the tree: those whose SMS receipts are read. */
    public List<String> districts() {
        return units.distinct("districtId", String.class).into(new ArrayList<>());
    }

    /** The accounts the tree names as the unit's managers. */
    public List<String> managers(String districtId, String unitId) {
        Document unit = units.find(eq("_id", key(districtId, unitId))).first();
        return unit == null ? List.of() : new ArrayList<>(unit.getList("managers", String.class, List.of()));
    }

    // --- volunteers' accounts and teams ------------------------------------------------------------------------------

    public void linked(String districtId, String volunteerId, String accountId) {
        links.updateOne(eq("_id", key(districtId, volunteerId)), Updates.combine(
                Updates.set("districtId", districtId), Updates.set("accountId", accountId)), upsert());
    }

    /** The account that is this volunteer, once the registry linked them. */
    public Optional<String> accountOf(String districtId, String volunteerId) {
        return Optional.ofNullable(links.find(eq("_id", key(districtId, volunteerId))).first())
                .map(link -> link.getString("accountId"));
    }

    /** Forgets the link (erasure) and says which account it named. */
    public Optional<String> unlink(String districtId, String volunteerId) {
        return Optional.ofNullable(links.findOneAndDelete(eq("_id", key(districtId, volunteerId))))
                .map(link -> link.getString("accountId"));
    }

    public void teamLed(String districtId, String teamId, String leaderVolunteerId) {
        teams.updateOne(eq("_id", key(districtId, teamId)), Updates.combine(Updates.set("districtId", districtId),
                Updates.set("leader", leaderVolunteerId)), upsert());
    }

    public Optional<String> leaderOf(String districtId, String teamId) {
        return Optional.ofNullable(teams.find(eq("_id", key(districtId, teamId))).first())
                .map(team -> team.getString("leader"));
    }

    // --- the menu and orders ----------------------------------------------------------------------------------------

    public void menuItemNamed(String districtId, String itemId, String name) {
        menu.updateOne(eq("_id", key(districtId, itemId)), Updates.combine(Updates.set("districtId", districtId),
                Updates.set("name", name)), upsert());
    }

    public Optional<String> menuItemName(String districtId, String itemId) {
        return Optional.ofNullable(menu.find(eq("_id", key(districtId, itemId))).first())
                .map(item -> item.getString("name"));
    }

    public void orderSubmitted(String districtId, String requestId, String requesterId, String unitId,
                               String menuItemId, Instant preferredFrom) {
        orders.updateOne(eq("_id", key(districtId, requestId)), Updates.combine(
                Updates.set("districtId", districtId), Updates.set("requestId", requestId),
                Updates.set("requesterId", requesterId), Updates.set("unitId", unitId),
                Updates.set("menuItemId", menuItemId),
                Updates.set("preferredFrom", preferredFrom == null ? null : Date.from(preferredFrom))), upsert());
    }

    public void orderMovedTo(String districtId, String requestId, String unitId) {
        orders.updateOne(eq("_id", key(districtId, requestId)), Updates.set("unitId", unitId));
    }

    public void orderAcceptedBy(String districtId, String requestId, String volunteerId) {
        orders.updateOne(eq("_id", key(districtId, requestId)), Updates.set("volunteerId", volunteerId));
    }

    public Optional<Order> order(String districtId, String requestId) {
        Document order = orders.find(eq("_id", key(districtId, requestId))).first();
        if (order == null || order.getString("requestId") == null) {
            return Optional.empty();
        }
        Date preferredFrom = order.getDate("preferredFrom");
        return Optional.of(new Order(requestId, order.getString("requesterId"), order.getString("unitId"),
                order.getString("menuItemId"), preferredFrom == null ? null : preferredFrom.toInstant(),
                order.getString("volunteerId")));
    }

    // --- activities -------------------------------------------------------------------------------------------------

    public void activityPublished(String districtId, String activityId, String title, String place,
                                  Instant startsAt) {
        activities.updateOne(eq("_id", key(districtId, activityId)), Updates.combine(
                Updates.set("districtId", districtId), Updates.set("title", title), Updates.set("place", place),
                Updates.set("startsAt", Date.from(startsAt))), upsert());
    }

    public Optional<Activity> activity(String districtId, String activityId) {
        return Optional.ofNullable(activities.find(and(eq("_id", key(districtId, activityId)))).first())
                .map(a -> new Activity(activityId, a.getString("title"), a.getString("place"),
                        a.getDate("startsAt").toInstant()));
    }

    private static String key(String districtId, String id) {
        return districtId + "|" + id;
    }

    private static UpdateOptions upsert() {
        return new UpdateOptions().upsert(true);
    }
}
