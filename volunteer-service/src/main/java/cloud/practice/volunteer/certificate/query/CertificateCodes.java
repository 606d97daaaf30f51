package cloud.practice.volunteer.certificate.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * Makes verification codes unique across districts before a certificate is issued: each code is reserved once
 * ({@code certificate_codes}, the code as {@code _id}). 80 random bits hardly ever collide; this makes "hardly" never.
 */
@Component
public class CertificateCodes {

    static final String COLLECTION = "certificate_codes";

    private final MongoCollection<Document> codes;

    public CertificateCodes(MongoTemplate mongo) {
        this.codes = mongo.getDb().getCollection(COLLECTION);
    }

    /** @return false when the code is taken */
    public boolean reserve(String code, String certificateId) {
        try {
            codes.insertOne(new Document("_id", code).append("certificateId", certificateId)
                    .append("reservedAt", new Date()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
