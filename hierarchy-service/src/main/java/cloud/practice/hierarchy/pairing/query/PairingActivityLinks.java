package cloud.practice.hierarchy.pairing.query;

import cloud.practice.support.tenancy.DistrictLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Which pairing an activity of request-service was published for, remembered from {@code ActivityPublished} until
 * the activity closes. Kept per district: an activity id is looked up only inside its own district.
 */
@Component
@DistrictLookups
public class PairingActivityLinks {

    public static final String COLLECTION = "pairing_activity_links";

    /** An activity held for a pairing at a station on a day. */
    public record Link(String pairingId, String stationId, String title, LocalDate heldOn) {
    }

    private final MongoCollection<Document> links;

    public PairingActivityLinks(MongoTemplate mongo) {
        this.links = mongo.getCollection(COLLECTION);
    }

    /** Sets the link (a redelivery sets the same). */
    public void remember(String districtId, String activityId, Link link) {
        String key = key(districtId, activityId);
        links.replaceOne(new Document("_id", key), new Document("_id", key)
                        .append("activityId", activityId)
                        .append("districtId", districtId)
                        .append("pairingId", link.pairingId())
                        .append("stationId", link.stationId())
                        .append("title", link.title())
                        .append("heldOn", link.heldOn().toString()),
                new ReplaceOptions().upsert(true));
    }

    public Optional<Link> link(String districtId, String activityId) {
        return Optional.ofNullable(links.find(new Document("_id", key(districtId, activityId))).first())
                .map(found -> new Link(found.getString("pairingId"), found.getString("stationId"),
                        found.getString("title"), LocalDate.parse(found.getString("heldOn"))));
    }

    private static String key(String districtId, String activityId) {
        return districtId + "/" + activityId;
    }
}
