package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A non-unique index for the stand-in, which mongo-java-server 1.47 does not have (it logs "not yet implemented" and
 * scans; ADR 0034). Held in memory on both backends — on the file store it is rebuilt from the documents when a
 * collection is opened, as the server fills any empty index it is given.
 *
 * <p>It serves a filter (its own fields and those of its {@code $and}: {@link Conjuncts}) that sets the index's first
 * fields to plain values, optionally followed by a range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} of a
 * number or a date) or an {@code $in} of plain values on the next field — {@code {state: "PENDING", nextAttemptAt:
 * {$lte: now}}} on {@code (state, nextAttemptAt)}, {@code {due: {$lte: now}}} on {@code (due)}. It only picks
 * candidates: the collection matches each against the whole filter ({@code AbstractMongoCollection.matchDocuments}).
 * An array field gives a document a key per element, as MongoDB's multikey indexes do; an empty array or a missing
 * field a null, so a document is always found by the fields before it. The candidates come back in the collection's natural order, so a query answers in the same order as the scan it
 * replaces.
 *
 * <p>Every document is indexed, sparse or not (a sparse index only narrows which filters MongoDB may serve from it,
 * and none of those served here matches a document without the fields).
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final Set<String> RANGE = Set.of("$gt", "$gte", "$lt", "$lte");
    private static final Comparator<KeyValue> KEY_ORDER = SecondaryIndex::compareKeys;

    /**
     * Key → the position of the one document with that key, or a {@link Positions} set of several (an array field
     * gives a document one key per element). One position is held bare: most keys of a time field have one document,
     * and the stand-in's heap holds every service's data.
     */
    private final NavigableMap<KeyValue, Object> positionsByKey = new TreeMap<>(KEY_ORDER);
    /** A document's {@code _id} → its position, for {@link #remove}, which gets the document, not the position. */
    private final Map<Object, P> positionsById = new HashMap<>();
    /** How many documents have each value of the first field (for {@link #unselective}). */
    private final Map<Object, Integer> documentsByFirstValue = new HashMap<>();
    private final Comparator<P> naturalOrder;

    /**
     * @param naturalOrder the order of positions in which the collection's scan visits its documents
     */
    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, Comparator<P> naturalOrder) {
        super(name, keys, sparse);
        this.naturalOrder = naturalOrder;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        Plan plan = plan(query);
        return plan != null && !unselective(plan);
    }

    /**
     * Whether the plan would name most of the collection: a value (or an {@code $in} of values) of the first field
     * alone that more than half the documents have — a district's id on a one-district store. The server gives a
     * filter to the first index that can serve it, so declining lets a later, narrower index serve it (the notices'
     * {@code createdAt} rather than their district), or the plain scan, which reads in order, without the sort.
     */
    private boolean unselective(Plan plan) {
        boolean firstFieldOnly = plan.range() == null
                && ((plan.equal().size() == 1 && plan.in() == null) || (plan.equal().isEmpty() && plan.in() != null));
        if (!firstFieldOnly) {
            return false;
        }
        long named = 0;
        for (Object value : plan.in() != null ? plan.in() : plan.equal()) {
            named += documentsByFirstValue.getOrDefault(value, 0);
        }
        return named * 2 > positionsById.size();
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Plan plan = plan(query);
        if (plan == null) {
            throw new IllegalStateException("not a query this index serves: " + query);
        }
        Set<P> found = new LinkedHashSet<>();
        if (plan.in() != null) {
            for (Object value : plan.in()) {
                collect(extended(plan.equal(), value), null, found);
            }
        } else {
            collect(plan.equal(), plan.range(), found);
        }
        List<P> positions = new ArrayList<>(found);
        positions.sort(naturalOrder);
        return positions;
    }

    /**
     * Adds the positions of the keys starting with {@code prefix} whose next value may lie in {@code range}. Keys are
     * sorted, and the server's order puts each type's values together, so a range reads only the keys from its lower
     * bound (or the prefix's first key) to its upper bound (or the prefix's last); what lies between but is of
     * another type is dropped by {@link #mayLieIn}.
     */
    private void collect(List<Object> prefix, Document range, Set<P> found) {
        Object lower = range == null ? null : lowerBound(range);
        Object upper = range == null ? null : upperBound(range);
        KeyValue from = lower != null ? new KeyValue(extended(prefix, lower)) : prefix.isEmpty() ? null : new KeyValue(prefix);
        Iterable<Map.Entry<KeyValue, Object>> block = from == null ? positionsByKey.entrySet()
                : positionsByKey.tailMap(from, true).entrySet();
        for (Map.Entry<KeyValue, Object> entry : block) {
            KeyValue key = entry.getKey();
            if (!startsWith(key, prefix)
                    || (upper != null && ValueComparator.asc().compare(key.get(prefix.size()), upper) > 0)) {
                break;
            }
            if (range == null || mayLieIn(key.get(prefix.size()), range)) {
                addTo(found, entry.getValue());
            }
        }
    }

    private static List<Object> extended(List<Object> prefix, Object value) {
        List<Object> key = new ArrayList<>(prefix.size() + 1);
        key.addAll(prefix);
        key.add(value);
        return key;
    }

    /** The greater of the range's lower bounds, null if it has none. */
    private static Object lowerBound(Document range) {
        return bound(range, "$gt", "$gte", 1);
    }

    /** The lesser of the range's upper bounds, null if it has none. */
    private static Object upperBound(Document range) {
        return bound(range, "$lt", "$lte", -1);
    }

    private static Object bound(Document range, String strict, String inclusive, int tighter) {
        Object a = range.get(strict);
        Object b = range.get(inclusive);
        if (a == null || b == null) {
            return a != null ? a : b;
        }
        if (!sameType(a, b)) {
            return null; // bounds of two types: nothing matches both; read the prefix whole and let the match decide
        }
        return Integer.signum(ValueComparator.asc().compare(a, b)) == tighter ? a : b;
    }

    private static boolean startsWith(KeyValue key, List<Object> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (ValueComparator.asc().compare(key.get(i), prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a value meets every bound of the range as the server's matcher decides it: a value of another type (null
     * and a missing field included) never does ({@code DefaultQueryMatcher.comparableTypes}).
     */
    private static boolean mayLieIn(Object value, Document range) {
        for (Map.Entry<String, Object> bound : range.entrySet()) {
            Object limit = bound.getValue();
            if (!sameType(value, limit)) {
                return false;
            }
            int order = ValueComparator.asc().compare(value, limit);
            boolean within = switch (bound.getKey()) {
                case "$gt" -> order > 0;
                case "$gte" -> order >= 0;
                case "$lt" -> order < 0;
                default -> order <= 0;
            };
            if (!within) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameType(Object value, Object limit) {
        return value != null && limit != null && ((value instanceof Number && limit instanceof Number)
                || value.getClass().equals(limit.getClass()));
    }

    /**
     * What the index can narrow a filter by: plain values for its first fields, then at most one range or {@code $in}
     * on the next; null when the filter does not set the first field in one of these ways.
     */
    private Plan plan(Document query) {
        Document conditions = Conjuncts.of(query);
        List<Object> equal = new ArrayList<>();
        for (String field : keys()) {
            Object condition = conditions.get(field);
            if (condition == null && !conditions.containsKey(field)) {
                break;
            }
            if (isPlain(condition)) {
                equal.add(normalized(condition));
                continue;
            }
            if (condition instanceof Document operators && !operators.isEmpty()) {
                if (RANGE.containsAll(operators.keySet())
                        && operators.values().stream().allMatch(v -> v instanceof Number || v instanceof Instant)) {
                    Document range = new Document();
                    operators.forEach((operator, limit) -> range.put(operator, normalized(limit)));
                    return new Plan(equal, range, null);
                }
                if (operators.size() == 1 && operators.get("$in") instanceof Collection<?> values
                        && !values.isEmpty() && values.stream().allMatch(SecondaryIndex::isPlain)) {
                    return new Plan(equal, null, values.stream().map(SecondaryIndex::normalized).toList());
                }
            }
            break;
        }
        return equal.isEmpty() ? null : new Plan(equal, null, null);
    }

    /** A plain value an equality finds by its key: not null (which also matches a missing field), an array, a document or a pattern. */
    private static boolean isPlain(Object value) {
        return value != null && !Missing.isNullOrMissing(value) && !(value instanceof Document)
                && !(value instanceof Collection) && !(value instanceof Pattern)
                && !BsonRegularExpression.isRegularExpression(value);
    }

    private static Object normalized(Object value) {
        return new KeyValue(Collections.singletonList(value)).normalized().get(0);
    }

    private record Plan(List<Object> equal, Document range, List<Object> in) {
    }

    /** Keys in the server's value order, field by field; a shorter key (a prefix) before the keys it starts. */
    private static int compareKeys(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = ValueComparator.asc().compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public P getPosition(Document document) {
        return null; // not unique: a document is found by the _id index
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        positionsById.put(idOf(document), position);
        Set<KeyValue> keys = keysOf(document);
        firstValues(keys).forEach(value -> documentsByFirstValue.merge(value, 1, Integer::sum));
        for (KeyValue key : keys) {
            positionsByKey.merge(key, position, SecondaryIndex::with);
        }
    }

    /**
     * The document's keys: one value per field (an array's elements one by one, an empty array or a missing field as
     * null), every combination of them. Two array fields (which MongoDB refuses in one compound index) give their
     * product rather than an error the stand-in never gave before.
     */
    private Set<KeyValue> keysOf(Document document) {
        List<List<Object>> keys = List.of(List.of());
        for (String field : keys()) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, field);
            List<Object> values = new ArrayList<>();
            if (value instanceof Collection<?> elements && !elements.isEmpty()) {
                elements.forEach(element -> values.add(normalized(element)));
            } else {
                values.add(value instanceof Collection<?> ? null : normalized(value));
            }
            List<List<Object>> longer = new ArrayList<>(keys.size() * values.size());
            for (List<Object> key : keys) {
                for (Object v : values) {
                    List<Object> next = new ArrayList<>(key);
                    next.add(v);
                    longer.add(next);
                }
            }
            keys = longer;
        }
        Set<KeyValue> distinct = new LinkedHashSet<>();
        keys.forEach(key -> distinct.add(new KeyValue(key)));
        return distinct;
    }

    @Override
    public synchronized P remove(Document document) {
        P position = positionsById.remove(idOf(document));
        if (position == null) {
            return null;
        }
        Set<KeyValue> keys = keysOf(document);
        firstValues(keys).forEach(value -> documentsByFirstValue.computeIfPresent(value,
                (v, count) -> count == 1 ? null : count - 1));
        for (KeyValue key : keys) {
            positionsByKey.computeIfPresent(key, (k, held) -> without(held, position));
        }
        return position;
    }

    /** Several positions under one key (a class of our own, so it can never be taken for a position). */
    private static final class Positions extends LinkedHashSet<Object> {
    }

    private static Object with(Object held, Object position) {
        if (held instanceof Positions several) {
            several.add(position);
            return several;
        }
        if (held.equals(position)) {
            return held;
        }
        Positions several = new Positions();
        several.add(held);
        several.add(position);
        return several;
    }

    /** What stays under a key without {@code position}; null (the key removed) when nothing does. */
    private static Object without(Object held, Object position) {
        if (held instanceof Positions several) {
            several.remove(position);
            return several.size() > 1 ? several : several.isEmpty() ? null : several.iterator().next();
        }
        return held.equals(position) ? null : held;
    }

    @SuppressWarnings("unchecked")
    private void addTo(Set<P> found, Object held) {
        if (held instanceof Positions several) {
            several.forEach(position -> found.add((P) position));
        } else {
            found.add((P) held);
        }
    }

    /** The distinct values of the first field among a document's keys (null when it has none: then not counted). */
    private static Set<Object> firstValues(Set<KeyValue> keys) {
        Set<Object> values = new LinkedHashSet<>();
        keys.forEach(key -> {
            if (key.get(0) != null) {
                values.add(key.get(0));
            }
        });
        return values;
    }

    private static Object idOf(Document document) {
        return normalized(document.get("_id"));
    }

    @Override
    public synchronized long getCount() {
        return positionsById.size();
    }

    @Override
    public synchronized long getDataSize() {
        return positionsByKey.size();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        if (!keysOf(oldDocument).equals(keysOf(newDocument))) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    @Override
    public synchronized void drop() {
        positionsByKey.clear();
        positionsById.clear();
        documentsByFirstValue.clear();
    }

    @Override
    public String toString() {
        return "SecondaryIndex[" + getName() + " " + keys() + "]";
    }
}
