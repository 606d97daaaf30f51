package cloud.practice.request.evidence;

import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityEvidenceAttached;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestEvidenceAttached;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The photos (GridFS bucket {@value #BUCKET}: the cleaned photo and its thumbnail, two files) and their records
 * ({@value #RECORDS}, keyed by district and evidence id; every lookup takes the district first). A record is written
 * with its files, before the command that attaches it, as {@code attached: false}; the aggregate's event marks it
 * attached, and only attached records are shown. A failed command removes both; {@link EvidenceSweep} removes what a
 * crash between the two left behind. The photo's GPS position, when the district keeps it, is in the record only:
 * never in the file, never in an event (the event store keeps events forever; erasure deletes records).
 */
@Component
@ProcessingGroup("evidence-records")
public class EvidenceStore {

    static final String BUCKET = "evidence";
    static final String RECORDS = "evidence_records";

    public enum Subject { REQUEST, ACTIVITY }

    /** One photo as recorded. {@code lat}/{@code lon} null unless the district keeps photo locations. */
    public record Evidence(String districtId, String evidenceId, Subject subject, String subjectId, String stage,
                           String caption, String contentType, long bytes, int width, int height, String uploadedBy,
                           Instant uploadedAt, Double lat, Double lon, ObjectId fullFile, ObjectId thumbnailFile,
                           boolean attached) {

        /** Where the photo's bytes are read through the gateway ({@code size} full or thumbnail). */
        public String contentPath(String size) {
            return (subject == Subject.REQUEST ? "/api/v1/requests/" : "/api/v1/activities/") + subjectId
                    + "/evidence/" + evidenceId + "/content?district=" + districtId + "&size=" + size;
        }
    }

    /** A stored file's bytes and type. */
    public record Content(byte[] bytes, String contentType) {
    }

    private final GridFSBucket files;
    private final MongoCollection<Document> records;

    public EvidenceStore(MongoTemplate mongo) {
        this.files = GridFSBuckets.create(mongo.getDb(), BUCKET);
        this.records = mongo.getDb().getCollection(RECORDS);
        // The indexes exist before the first photo (GridFS would make its own on the first upload, the records theirs
        // never): reads by subject and by uploader, the sweep by age — and the collections exist from the start, so a
        // refused upload leaves the store exactly as it found it.
        records.createIndex(com.mongodb.client.model.Indexes.ascending("districtId", "subject", "subjectId"));
        records.createIndex(com.mongodb.client.model.Indexes.ascending("districtId", "uploadedBy"));
        records.createIndex(com.mongodb.client.model.Indexes.ascending("attached", "uploadedAt"));
        MongoCollection<Document> gridFiles = mongo.getDb().getCollection(BUCKET + ".files");
        gridFiles.createIndex(com.mongodb.client.model.Indexes.ascending("filename", "uploadDate"));
        mongo.getDb().getCollection(BUCKET + ".chunks").createIndex(
                com.mongodb.client.model.Indexes.ascending("files_id", "n"),
                new com.mongodb.client.model.IndexOptions().unique(true));
    }

    /** Writes the two files and the (not yet attached) record; answers the record. */
    public Evidence store(String districtId, String evidenceId, Subject subject, String subjectId, String stage,
                          String caption, String uploadedBy, Instant at, EvidenceImages.Cleaned photo,
                          boolean keepLocation) {
        ObjectId full = upload(districtId, evidenceId, subject, subjectId, "full", photo.type().contentType,
                photo.full());
        ObjectId thumbnail;
        try {
            thumbnail = upload(districtId, evidenceId, subject, subjectId, "thumbnail", "image/jpeg",
                    photo.thumbnail());
        } catch (RuntimeException e) {
            files.delete(full);
            throw e;
        }
        EvidenceImages.Position position = keepLocation ? photo.position() : null;
        Evidence evidence = new Evidence(districtId, evidenceId, subject, subjectId, stage, caption,
                photo.type().contentType, photo.full().length, photo.width(), photo.height(), uploadedBy, at,
                position == null ? null : position.lat(), position == null ? null : position.lon(), full, thumbnail,
                false);
        try {
            records.insertOne(document(evidence));
        } catch (RuntimeException e) {
            files.delete(full);
            files.delete(thumbnail);
            throw e;
        }
        return evidence;
    }

    private ObjectId upload(String districtId, String evidenceId, Subject subject, String subjectId, String kind,
                            String contentType, byte[] bytes) {
        Document metadata = new Document("districtId", districtId)
                .append(subject == Subject.REQUEST ? "requestId" : "activityId", subjectId)
                .append("evidenceId", evidenceId).append("kind", kind).append("contentType", contentType);
        return files.uploadFromStream(evidenceId + "-" + kind, new ByteArrayInputStream(bytes),
                new GridFSUploadOptions().metadata(metadata));
    }

    /** Removes a photo's files and record (a refused command, an erasure, the sweep). */
    public void delete(Evidence evidence) {
        deleteFile(evidence.fullFile());
        deleteFile(evidence.thumbnailFile());
        records.deleteOne(eq("_id", key(evidence.districtId(), evidence.evidenceId())));
    }

    private void deleteFile(ObjectId id) {
        if (id != null && files.find(eq("_id", id)).first() != null) {
            files.delete(id);
        }
    }

    public Optional<Evidence> evidence(String districtId, String evidenceId) {
        return Optional.ofNullable(records.find(eq("_id", key(districtId, evidenceId))).first())
                .map(EvidenceStore::evidence);
    }

    /** The attached photos of a request or activity, oldest first. */
    public List<Evidence> attached(String districtId, Subject subject, String subjectId) {
        return find(and(eq("districtId", districtId), eq("subject", subject.name()), eq("subjectId", subjectId),
                eq("attached", true)));
    }

    /** The first attached photo of each of these requests (Open311's media_url). */
    public java.util.Map<String, Evidence> firstOfRequests(String districtId, java.util.Collection<String> requestIds) {
        java.util.Map<String, Evidence> first = new java.util.HashMap<>();
        if (requestIds.isEmpty()) {
            return first;
        }
        for (Evidence evidence : find(and(eq("districtId", districtId), eq("subject", Subject.REQUEST.name()),
                Filters.in("subjectId", requestIds), eq("attached", true)))) {
            first.putIfAbsent(evidence.subjectId(), evidence);
        }
        return first;
    }

    /** Photos of the subject and stage recorded so far, attached or on their way (the per-stage limit). */
    public long count(String districtId, Subject subject, String subjectId, String stage) {
        return records.countDocuments(and(eq("districtId", districtId), eq("subject", subject.name()),
                eq("subjectId", subjectId), eq("stage", stage)));
    }

    /** The photos a volunteer (or staff member) uploaded in the district. */
    public List<Evidence> uploadedBy(String districtId, String uploadedBy) {
        return find(and(eq("districtId", districtId), eq("uploadedBy", uploadedBy)));
    }

    public Optional<Content> content(Evidence evidence, boolean thumbnail) {
        ObjectId id = thumbnail ? evidence.thumbnailFile() : evidence.fullFile();
        GridFSFile file = files.find(eq("_id", id)).first();
        if (file == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) file.getLength());
        files.downloadToStream(id, out);
        return Optional.of(new Content(out.toByteArray(), file.getMetadata() == null ? null
                : file.getMetadata().getString("contentType")));
    }

    /**
     * Records never attached and files without a record, older than {@code before}: what a crash between storing the
     * files and the command (or between a refused command and its clean-up) left. Answers how many photos went.
     */
    public int sweep(Instant before) {
        int removed = 0;
        for (Evidence stale : find(and(eq("attached", false), Filters.lt("uploadedAt", Date.from(before))))) {
            delete(stale);
            removed++;
        }
        List<ObjectId> orphans = new ArrayList<>();
        for (GridFSFile file : files.find(Filters.lt("uploadDate", Date.from(before)))) {
            Document metadata = file.getMetadata();
            String district = metadata == null ? null : metadata.getString("districtId");
            String evidenceId = metadata == null ? null : metadata.getString("evidenceId");
            if (district == null || evidenceId == null
                    || records.find(eq("_id", key(district, evidenceId))).first() == null) {
                orphans.add(file.getObjectId());
            }
        }
        orphans.forEach(files::delete);
        return removed + orphans.size();
    }

    // ------------------------------------------------------------------------------------------------ events

    @EventHandler
    void on(RequestEvidenceAttached e) {
        markAttached(e.districtId(), e.evidenceId());
    }

    @EventHandler
    void on(ActivityEvidenceAttached e) {
        markAttached(e.districtId(), e.evidenceId());
    }

    /** Never creates a record: one erased (or swept) before its event was handled stays gone. */
    private void markAttached(String districtId, String evidenceId) {
        records.updateOne(eq("_id", key(districtId, evidenceId)), Updates.set("attached", true));
    }

    // ------------------------------------------------------------------------------------------------ mapping

    private List<Evidence> find(Bson filter) {
        List<Evidence> found = new ArrayList<>();
        records.find(filter).sort(Sorts.ascending("uploadedAt", "_id")).forEach(document -> found.add(evidence(document)));
        return found;
    }

    static String key(String districtId, String evidenceId) {
        return districtId + "|" + evidenceId;
    }

    private static Document document(Evidence e) {
        return new Document("_id", key(e.districtId(), e.evidenceId())).append("districtId", e.districtId())
                .append("evidenceId", e.evidenceId()).append("subject", e.subject().name())
                .append("subjectId", e.subjectId()).append("stage", e.stage()).append("caption", e.caption())
                .append("contentType", e.contentType()).append("bytes", e.bytes()).append("width", e.width())
                .append("height", e.height()).append("uploadedBy", e.uploadedBy())
                .append("uploadedAt", Date.from(e.uploadedAt())).append("lat", e.lat()).append("lon", e.lon())
                .append("fullFile", e.fullFile()).append("thumbnailFile", e.thumbnailFile())
                .append("attached", e.attached());
    }

    private static Evidence evidence(Document d) {
        return new Evidence(d.getString("districtId"), d.getString("evidenceId"), Subject.valueOf(d.getString("subject")),
                d.getString("subjectId"), d.getString("stage"), d.getString("caption"), d.getString("contentType"),
                ((Number) d.get("bytes")).longValue(), d.getInteger("width"), d.getInteger("height"),
                d.getString("uploadedBy"), d.getDate("uploadedAt").toInstant(), d.getDouble("lat"),
                d.getDouble("lon"), d.getObjectId("fullFile"), d.getObjectId("thumbnailFile"),
                Boolean.TRUE.equals(d.getBoolean("attached")));
    }
}
