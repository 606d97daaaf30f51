package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.InMemoryCursor;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;

/**
 * MongoDB's batching of {@code find} and {@code aggregate} replies, which mongo-java-server 1.47 lacks: it answers a
 * find without batchSize, and every aggregate, with one batch holding the whole result, so a large read becomes one
 * wire message the driver refuses beyond its 48 MB ("larger than the maximum message length"), and its getMore
 * cursors stop at a count only. MongoDB ends every batch at 16 MiB of documents (a single larger one still goes
 * alone), sends 101 documents first when the client names no batchSize, and hands the rest out through getMore.
 * {@link #capped} reshapes the library's first reply that way and leaves the rest in a {@link SizeCappedCursor} in
 * the backend's own registry, so the library's getMore and killCursors serve it unchanged.
 */
final class ReplyBatches {

    /** MongoDB's cap on the documents of one reply batch (BSONObjMaxUserSize). */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    /** MongoDB's first batch of a find or aggregate that names no batchSize. */
    static final int DEFAULT_FIRST_BATCH = 101;

    /** "No count limit": what the library passes for a getMore without batchSize. */
    private static final int ANY_COUNT = 0;

    private ReplyBatches() {
    }

    /** {@code reply} to {@code command} ({@code query}) with MongoDB's first batch; other replies as they are. */
    static Document capped(String command, Document query, Document reply, CursorRegistry cursors) {
        boolean find = "find".equalsIgnoreCase(command);
        if ((!find && !"aggregate".equalsIgnoreCase(command)) || reply == null
                || !(reply.get("cursor") instanceof Document cursor)
                || !(cursor.get("firstBatch") instanceof List<?> firstBatch)) {
            return reply;
        }
        long id = ((Number) cursor.get("id")).longValue();
        List<Document> all = new ArrayList<>(firstBatch.size());
        firstBatch.forEach(document -> all.add((Document) document));
        if (id != 0) {
            Cursor theirs = cursors.getCursor(id);
            if (!(theirs instanceof InMemoryCursor)) {
                return reply; // a change stream's tailing cursor is not a finished result: it stays the library's
            }
            all.addAll(theirs.takeDocuments(Integer.MAX_VALUE));
            cursors.remove(theirs);
        }
        int size = firstBatchSize(find, query);
        int end = size == 0 ? 0 : batchEnd(all, 0, size);
        cursor.put("firstBatch", new ArrayList<>(all.subList(0, end)));
        // singleBatch (the driver's first()) asks for one batch and a closed cursor, whatever did not fit
        if (end == all.size() || Boolean.TRUE.equals(query.get("singleBatch"))) {
            cursor.put("id", 0L);
        } else {
            SizeCappedCursor rest = new SizeCappedCursor(id != 0 ? id : cursors.generateCursorId(),
                    all.subList(end, all.size()));
            cursors.add(rest);
            cursor.put("id", rest.getId());
        }
        return reply;
    }

    /**
     * The client's batchSize, else MongoDB's default. An explicit 0 is MongoDB's "open the cursor, send nothing yet";
     * {@link #batchEnd} would read it as "no count limit" (as getMore's missing batchSize), so it ends the batch here.
     */
    private static int firstBatchSize(boolean find, Document query) {
        Object options = find ? query : query.get("cursor");
        Object batchSize = options instanceof Document document ? document.get("batchSize") : null;
        return batchSize instanceof Number number ? Math.max(number.intValue(), 0) : DEFAULT_FIRST_BATCH;
    }

    /**
     * The end (exclusive) of the batch starting at {@code from}: at most {@code count} documents ({@link #ANY_COUNT}
     * for no limit) and at most {@link #MAX_BATCH_BYTES} of them, but never an empty batch for want of room.
     */
    static int batchEnd(List<Document> documents, int from, int count) {
        int limit = count == ANY_COUNT ? documents.size() : Math.min(documents.size(), from + count);
        if (limit - from <= 1) {
            return limit; // one document goes alone whatever its size: nothing to measure (every find by _id)
        }
        ByteBuf scratch = Unpooled.buffer();
        try {
            long bytes = 0;
            int end = from;
            while (end < limit) {
                bytes += sizeOf(documents.get(end), scratch);
                if (bytes > MAX_BATCH_BYTES && end > from) {
                    break;
                }
                end++;
            }
            return end;
        } finally {
            scratch.release();
        }
    }

    /**
     * The document's BSON size. The memory backend hands out its stored documents themselves, so a write on another
     * connection may be changing one while it is measured (the library's own encoding of the reply takes the same
     * chance): measured again, a moment later.
     */
    private static int sizeOf(Document document, ByteBuf scratch) {
        for (int attempt = 1; ; attempt++) {
            try {
                scratch.clear();
                BsonEncoder.encodeDocument(document, scratch);
                return scratch.writerIndex();
            } catch (ConcurrentModificationException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** What is left of a result, handed out by getMore in batches of MongoDB's size. */
    static final class SizeCappedCursor extends AbstractCursor {

        private final List<Document> documents;
        private int next;

        SizeCappedCursor(long id, List<Document> documents) {
            super(id);
            this.documents = List.copyOf(documents);
        }

        @Override
        public synchronized boolean isEmpty() {
            return next == documents.size();
        }

        /** {@code numberToReturn} is getMore's batchSize, 0 when the client gave none: then only size limits. */
        @Override
        public synchronized List<Document> takeDocuments(int numberToReturn) {
            int end = batchEnd(documents, next, Math.max(numberToReturn, ANY_COUNT));
            List<Document> batch = documents.subList(next, end);
            next = end;
            return batch;
        }
    }
}
