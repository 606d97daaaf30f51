package cloud.practice.auth.tree;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;

/**
 * Whether a district exists: it has units in the issuer's copy of the tree (service-support's
 * {@code OrgUnitDirectory}, kept from hierarchy events). Reads that directory's collection, since the directory
 * itself only answers per unit.
 */
public class Districts {

    /** service-support's OrgUnitDirectory.COLLECTION (package-private there). */
    static final String UNITS = "org_unit_directory";

    private final MongoCollection<Document> units;

    public Districts(MongoTemplate mongo) {
        this.units = mongo.getDb().getCollection(UNITS);
    }

    public boolean exists(String districtId) {
        return districtId != null && units.find(eq("districtId", districtId)).first() != null;
    }
}
