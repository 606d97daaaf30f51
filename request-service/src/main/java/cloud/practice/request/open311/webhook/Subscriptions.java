package cloud.practice.request.open311.webhook;

import cloud.practice.request.open311.Open311Exception;
import cloud.practice.request.open311.Open311Settings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Webhook subscriptions in MongoDB ({@code open311_subscriptions}): a client of a district asks to be told of every
 * status change of the district's requests (optionally only of some service codes) at its callback URL. Each
 * belongs to the client that made it; others neither see nor change it. The signing secret is generated here and
 * shown once, in the answer to the subscription.
 */
@Component
public class Subscriptions {

    static final String COLLECTION = "open311_subscriptions";

    private final MongoCollection<Document> subscriptions;
    private final Open311Settings settings;
    private final Clock clock;

    public Subscriptions(MongoTemplate mongo, Open311Settings settings, Clock clock) {
        this.subscriptions = mongo.getDb().getCollection(COLLECTION);
        this.settings = settings;
        this.clock = clock;
        subscriptions.createIndex(Indexes.ascending("districtId", "clientId"));
    }

    public Document create(String district, String clientId, String callbackUrl, List<String> serviceCodes) {
        long held = subscriptions.countDocuments(and(eq("districtId", district), eq("clientId", clientId)));
        if (held >= settings.webhooks().maxSubscriptions()) {
            throw Open311Exception.badRequest("A client may hold at most " + settings.webhooks().maxSubscriptions()
                    + " subscriptions per jurisdiction; delete one first");
        }
        Instant now = clock.instant();
        Document subscription = new Document("_id", "sub-" + UUID.randomUUID())
                .append("districtId", district).append("clientId", clientId).append("callbackUrl", callbackUrl)
                .append("serviceCodes", List.copyOf(serviceCodes)).append("secret", Signatures.newSecret())
                .append("createdAt", Date.from(now));
        subscriptions.insertOne(subscription);
        return subscription;
    }

    public List<Document> of(String district, String clientId) {
        return subscriptions.find(and(eq("districtId", district), eq("clientId", clientId)))
                .sort(Sorts.ascending("createdAt")).into(new ArrayList<>());
    }

    public Optional<Document> find(String district, String clientId, String id) {
        return Optional.ofNullable(subscriptions.find(and(eq("_id", id), eq("districtId", district),
                eq("clientId", clientId))).first());
    }

    public Optional<Document> byId(String id) {
        return Optional.ofNullable(subscriptions.find(eq("_id", id)).first());
    }

    public boolean delete(String district, String clientId, String id) {
        return subscriptions.deleteOne(and(eq("_id", id), eq("districtId", district), eq("clientId", clientId)))
                .getDeletedCount() == 1;
    }

    /** The district's subscriptions that want this update: made before it happened, for its service code. */
    public List<Document> interestedIn(String district, String serviceCode, Instant at) {
        List<Document> interested = new ArrayList<>();
        for (Document subscription : subscriptions.find(eq("districtId", district))) {
            List<String> codes = subscription.getList("serviceCodes", String.class, List.of());
            if (!subscription.getDate("createdAt").toInstant().isAfter(at)
                    && (codes.isEmpty() || codes.contains(serviceCode))) {
                interested.add(subscription);
            }
        }
        return interested;
    }
}
