package cloud.practice.notification.channel.sms;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

/**
 * How far the issuer's SMS receipts were read, per district ({@code sms_receipt_cursors}, {@code _id} = the district):
 * the issuer's opaque cursor after the last page whose receipts were all applied, so a restart reads on from there.
 */
public final class SmsReceiptCursors {

    private final MongoCollection<Document> cursors;

    public SmsReceiptCursors(MongoTemplate mongo) {
        this.cursors = mongo.getDb().getCollection("sms_receipt_cursors");
    }

    /** The cursor to read the district's receipts after; empty: from the beginning. */
    public Optional<String> of(String districtId) {
        return Optional.ofNullable(cursors.find(eq("_id", districtId)).first()).map(c -> c.getString("after"));
    }

    /** The issuer no longer knows the cursor: the district's receipts are read from the beginning again. */
    public void forget(String districtId) {
        cursors.deleteOne(eq("_id", districtId));
    }

    public void advance(String districtId, String after, Instant at) {
        cursors.updateOne(eq("_id", districtId), Updates.combine(Updates.set("after", after),
                Updates.set("at", Date.from(at))), new UpdateOptions().upsert(true));
    }
}
