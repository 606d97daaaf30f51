package cloud.practice.auth.clients;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

/** The clients collection: one document per client, its secret only as a hash. A revoked client is removed. */
public class MachineClients {

    static final String COLLECTION = "clients";

    private final MongoCollection<Document> clients;

    public MachineClients(MongoTemplate mongo) {
        this.clients = mongo.getDb().getCollection(COLLECTION);
        clients.createIndex(Indexes.ascending("districtId", "createdAt"));
    }

    /** Stores the client; false when the id is taken. */
    public boolean register(MachineClient client) {
        try {
            clients.insertOne(new Document("_id", client.clientId()).append("districtId", client.districtId())
                    .append("secretHash", client.secretHash()).append("scopes", client.scopes())
                    .append("grantTypes", client.grantTypes()).append("redirectUris", client.redirectUris())
                    .append("createdAt", Date.from(client.createdAt())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<MachineClient> byId(String clientId) {
        return Optional.ofNullable(clients.find(eq("_id", clientId)).first()).map(MachineClients::client);
    }

    public void setSecret(String clientId, String secretHash) {
        clients.updateOne(eq("_id", clientId), Updates.set("secretHash", secretHash));
    }

    public boolean remove(String clientId) {
        return clients.deleteOne(eq("_id", clientId)).getDeletedCount() > 0;
    }

    public List<MachineClient> page(String districtId, int page, int size) {
        List<MachineClient> items = new ArrayList<>();
        clients.find(eq("districtId", districtId)).sort(Sorts.ascending("createdAt", "_id")).skip(page * size)
                .limit(size).forEach(document -> items.add(client(document)));
        return items;
    }

    public long count(String districtId) {
        return clients.countDocuments(eq("districtId", districtId));
    }

    private static MachineClient client(Document d) {
        Date created = d.getDate("createdAt");
        return new MachineClient(d.getString("_id"), d.getString("districtId"), d.getString("secretHash"),
                d.getList("scopes", String.class, List.of()), d.getList("grantTypes", String.class, List.of()),
                d.getList("redirectUris", String.class, List.of()),
                created == null ? Instant.EPOCH : created.toInstant());
    }
}
