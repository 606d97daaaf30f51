package cloud.practice.volunteer.roster;

import cloud.practice.support.json.EventJson;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.roster.RosterFile.Problem;
import cloud.practice.volunteer.roster.RosterFile.Row;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * Roster imports as they go (ADR 0025): one document per import with its progress, and its rows in batches, sealed
 * with a key of the import's own (the vault's crypto-shredding) until their batch is done. The import document is
 * written last, so an acknowledged import always has every batch; a worker holds an import by a lease fenced with
 * its holder id, so a lapsed worker writes nothing and another one carries on where the last batch ended.
 */
@Component
public class RosterImports {

    static final String IMPORTS = "volunteer_imports";
    static final String BATCHES = "volunteer_import_batches";
    /** Rows per batch: each batch's numbers are reserved all or none, then its rows registered. */
    public static final int BATCH_ROWS = 500;

    /** Where an import stands. */
    public enum Status { QUEUED, RUNNING, DONE, STOPPED }

    private final MongoCollection<Document> imports;
    private final MongoCollection<Document> batches;
    private final PersonalDataVault vault;
    private final Clock clock;
    private final ObjectMapper json = EventJson.mapper();

    public RosterImports(MongoTemplate mongo, PersonalDataVault vault, Clock clock) {
        this.imports = mongo.getDb().getCollection(IMPORTS);
        this.batches = mongo.getDb().getCollection(BATCHES);
        this.vault = vault;
        this.clock = clock;
        imports.createIndex(Indexes.ascending("districtId", "receivedAt"));
    }

    /** An import as its operator follows it. */
    public record ImportView(String importId, String districtId, String startedBy, Status status, int rows,
                             int alreadyThere, int toRegister, int batches, int batchesDone, int registered,
                             int existing, int honourGrants, List<Problem> problems, Instant receivedAt,
                             Instant finishedAt) {
    }

    public Optional<ImportView> find(String districtId, String importId) {
        return Optional.ofNullable(imports.find(and(eq("_id", importId), eq("districtId", districtId))).first())
                .map(RosterImports::view);
    }

    /** The district's imports, newest first (at most {@code limit}); {@code startedBy} null: everyone's. */
    public List<ImportView> list(String districtId, String startedBy, int limit) {
        Bson filter = startedBy == null ? eq("districtId", districtId)
                : and(eq("districtId", districtId), eq("startedBy", startedBy));
        List<ImportView> found = new ArrayList<>();
        imports.find(filter).sort(Sorts.descending("receivedAt")).limit(limit).forEach(doc -> found.add(view(doc)));
        return found;
    }

    /**
     * Stores a checked roster's rows to register, sealed in batches, then the import itself (the acknowledgement):
     * queued for a worker.
     */
    public ImportView accept(String districtId, String importId, String startedBy, int total, int alreadyThere,
                             List<Row> rows) {
        int count = (rows.size() + BATCH_ROWS - 1) / BATCH_ROWS;
        // A file sent again after an interruption left batches behind: they are replaced, never appended to.
        batches.deleteMany(eq("importId", importId));
        for (int n = 0; n < count; n++) {
            List<Row> part = rows.subList(n * BATCH_ROWS, Math.min(rows.size(), (n + 1) * BATCH_ROWS));
            batches.insertOne(new Document("_id", batchId(importId, n)).append("importId", importId)
                    .append("districtId", districtId).append("n", n).append("attempts", 0)
                    .append("rows", seal(districtId, importId, part)));
        }
        Instant now = clock.instant();
        Document document = new Document("_id", importId).append("districtId", districtId)
                .append("startedBy", startedBy).append("status", count == 0 ? Status.DONE.name() : Status.QUEUED.name())
                .append("rows", total).append("alreadyThere", alreadyThere).append("toRegister", rows.size())
                .append("batches", count).append("batchesDone", 0).append("registered", 0).append("existing", 0)
                .append("honourGrants", 0).append("problems", List.of()).append("receivedAt", Date.from(now))
                .append("finishedAt", count == 0 ? Date.from(now) : null).append("holder", null)
                .append("leaseUntil", new Date(0));
        imports.insertOne(document);
        return view(document);
    }

    /** Takes the oldest import that is queued, or running under a lapsed lease, for {@code holder}. */
    public Optional<ImportView> claim(String holder, Duration lease) {
        Instant now = clock.instant();
        Document claimed = imports.findOneAndUpdate(
                and(in("status", Status.QUEUED.name(), Status.RUNNING.name()), lt("leaseUntil", Date.from(now))),
                Updates.combine(Updates.set("status", Status.RUNNING.name()), Updates.set("holder", holder),
                        Updates.set("leaseUntil", Date.from(now.plus(lease)))),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("receivedAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(RosterImports::view);
    }

    /** Extends the holder's lease; false when another holder took the import over (stop at once). */
    public boolean renew(String importId, String holder, Duration lease) {
        // Matched, not modified: renewed within the millisecond of the claim, the lease is written unchanged (no
        // modification) and is still this holder's.
        return imports.updateOne(and(eq("_id", importId), eq("holder", holder)),
                Updates.set("leaseUntil", Date.from(clock.instant().plus(lease)))).getMatchedCount() == 1;
    }

    /** The rows of batch {@code n}, opened; empty when the batch is gone (done by an earlier holder). */
    public Optional<List<Row>> rowsOf(String importId, int n) {
        Document batch = batches.find(eq("_id", batchId(importId, n))).first();
        if (batch == null) {
            return Optional.empty();
        }
        byte[] plain = vault.openBytes(importId, batch.getString("rows"))
                .orElseThrow(() -> new IllegalStateException("the rows of " + importId + " no longer open"));
        try {
            return Optional.of(json.readValue(plain, new TypeReference<List<Row>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("the rows of " + importId + " do not read", e);
        }
    }

    /** Counts a failed attempt at a batch; the number of attempts so far. */
    public int failedAttempt(String importId, int n) {
        Document batch = batches.findOneAndUpdate(eq("_id", batchId(importId, n)), Updates.inc("attempts", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return batch == null ? 0 : batch.getInteger("attempts", 0);
    }

    /** Batch {@code n} done: its counts added once (fenced by holder and position), its sealed rows deleted. */
    public boolean batchDone(String importId, String holder, int n, int registered, int existing, int grants) {
        boolean counted = imports.updateOne(and(eq("_id", importId), eq("holder", holder), eq("batchesDone", n)),
                Updates.combine(Updates.set("batchesDone", n + 1), Updates.inc("registered", registered),
                        Updates.inc("existing", existing), Updates.inc("honourGrants", grants))).getModifiedCount() == 1;
        if (counted) {
            batches.deleteOne(eq("_id", batchId(importId, n)));
        }
        return counted;
    }

    /**
     * The end: DONE, or STOPPED with the rows that stopped it. The key and any rows left are shredded — by the holder
     * only; anyone else changes nothing.
     */
    public void finish(String importId, String holder, Status status, List<Problem> problems) {
        long ended = imports.updateOne(and(eq("_id", importId), eq("holder", holder)), Updates.combine(
                Updates.set("status", status.name()), Updates.set("finishedAt", Date.from(clock.instant())),
                Updates.set("problems", problems.stream().map(RosterImports::problem).toList()),
                Updates.set("leaseUntil", new Date(0)))).getMatchedCount();
        // Only the holder ends an import: a worker whose lease lapsed must not take the live holder's rows away.
        if (ended == 1) {
            batches.deleteMany(eq("importId", importId));
            vault.shred(importId);
        }
    }

    private String seal(String districtId, String importId, List<Row> rows) {
        try {
            return vault.sealBytes(districtId, importId, json.writeValueAsBytes(rows));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the rows of " + importId, e);
        }
    }

    private static String batchId(String importId, int n) {
        return importId + ":" + n;
    }

    private static Document problem(Problem problem) {
        return new Document("row", problem.row()).append("field", problem.field())
                .append("message", problem.message());
    }

    private static ImportView view(Document doc) {
        List<Problem> problems = doc.getList("problems", Document.class, List.of()).stream()
                .map(p -> new Problem(p.getInteger("row"), p.getString("field"), p.getString("message"))).toList();
        Date finished = doc.getDate("finishedAt");
        return new ImportView(doc.getString("_id"), doc.getString("districtId"), doc.getString("startedBy"),
                Status.valueOf(doc.getString("status")), doc.getInteger("rows"), doc.getInteger("alreadyThere"),
                doc.getInteger("toRegister"), doc.getInteger("batches"), doc.getInteger("batchesDone"),
                doc.getInteger("registered"), doc.getInteger("existing"), doc.getInteger("honourGrants"), problems,
                doc.getDate("receivedAt").toInstant(), finished == null ? null : finished.toInstant());
    }
}
