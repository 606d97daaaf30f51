package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * The conditions a filter's documents must all meet, field by field: the filter's own fields and those of its
 * {@code $and} (nested too) — what an index may narrow by. The Java driver sends {@code Filters.and(…)} as {@code $and},
 * so without this an indexed field inside it would be served by a scan (ADR 0026, 0034). A field named twice keeps its
 * first condition (every condition must hold, so the documents meeting one of them are a superset of the answer),
 * except that two operator documents with different operators are joined: {@code and(gte(f, a), lt(f, b))} is one
 * range.
 * {@code $or}, {@code $nor} and {@code $expr} say nothing a conjunction may rely on and are left out.
 */
final class Conjuncts {

    private Conjuncts() {
    }

    static Document of(Document filter) {
        Document conditions = new Document();
        collect(filter, conditions);
        return conditions;
    }

    /** An operator document ({@code {$gte: a, $lt: b}}): its operators are a conjunction too. */
    private static boolean operators(Object condition) {
        return condition instanceof Document document && !document.isEmpty()
                && document.keySet().stream().allMatch(key -> key.startsWith("$"));
    }

    private static void collect(Document filter, Document conditions) {
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if ("$and".equals(entry.getKey()) && entry.getValue() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        collect(document, conditions);
                    }
                }
            } else if (!entry.getKey().startsWith("$")) {
                Object known = conditions.get(entry.getKey());
                if (known == null && !conditions.containsKey(entry.getKey())) {
                    conditions.put(entry.getKey(), entry.getValue());
                } else if (operators(known) && operators(entry.getValue())
                        && ((Document) entry.getValue()).keySet().stream().noneMatch(((Document) known)::containsKey)) {
                    // and(gte(f, a), lt(f, b)) arrives as two conditions on f: one range, as {f: {$gte: a, $lt: b}}
                    Document merged = new Document((Document) known);
                    merged.putAll((Document) entry.getValue());
                    conditions.put(entry.getKey(), merged);
                }
            }
        }
    }
}
