package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

import java.util.List;

/**
 * A unique index that also serves queries naming more fields than its own. mongo-java-server 1.47 uses an index only
 * when the filter's fields are exactly the index's ({@code AbstractUniqueIndex.canHandle}), so {@code {_id: x,
 * seq: {$lt: n}}} — every guarded write of ours — scans the whole collection, and under the stand-in's write lock
 * (ADR 0026). A filter's top-level fields are a conjunction, so the documents the index finds for the filter's own
 * index fields are a superset of the answer; the collection matches every one of them against the whole filter
 * afterwards ({@code AbstractMongoCollection.matchDocuments}), as it does for any index. Everything else is the
 * wrapped index's.
 */
final class NarrowingUniqueIndex<P> extends Index<P> {

    private final Index<P> index;

    private NarrowingUniqueIndex(Index<P> index, boolean sparse) {
        super(index.getName(), index.getKeys(), sparse);
        this.index = index;
    }

    /** {@code index} (a unique one, as the backends open them, sparse or not) narrowing wider filters. */
    static <P> Index<P> over(Index<P> index, boolean sparse) {
        return new NarrowingUniqueIndex<>(index, sparse);
    }

    @Override
    public boolean canHandle(Document query) {
        return index.canHandle(query) || narrowed(query) != null;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        if (index.canHandle(query)) {
            return index.getPositions(query);
        }
        Document narrowed = narrowed(query);
        if (narrowed == null) {
            throw new IllegalStateException("not a query this index serves: " + query);
        }
        return index.getPositions(narrowed);
    }

    /**
     * The filter's conditions on the index's own fields (its top-level fields and those of its {@code $and}:
     * {@link Conjuncts}) when the index serves them alone, else null.
     */
    Document narrowed(Document query) {
        List<String> fields = keys();
        Document conditions = Conjuncts.of(query);
        if (!conditions.keySet().containsAll(fields)) {
            return null;
        }
        Document narrowed = new Document();
        for (String field : fields) {
            narrowed.put(field, conditions.get(field));
        }
        return index.canHandle(narrowed) ? narrowed : null;
    }

    @Override
    public boolean isUnique() {
        return index.isUnique();
    }

    @Override
    public P getPosition(Document document) {
        return index.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        index.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        index.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return index.remove(document);
    }

    @Override
    public long getCount() {
        return index.getCount();
    }

    @Override
    public long getDataSize() {
        return index.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        index.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        index.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        index.drop();
    }

    @Override
    public String toString() {
        return "Narrowing" + index;
    }
}
