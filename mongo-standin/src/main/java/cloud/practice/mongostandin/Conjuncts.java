package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * The conditions a filter's documents must all meet, field by field: the filter's own fields and those of its
 * {@code $and} (nested too) — what an index may narrow by. The Java driver sends {@code Filters.and(…)} as {@code $and},
 * so without this an indexed field inside it would be served by a scan (ADR 0026, 0034). A field named twice keeps its
 * first condition: every condition must hold, so the documents meeting one of them are a superset of the answer.
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

    private static void collect(Document filter, Document conditions) {
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if ("$and".equals(entry.getKey()) && entry.getValue() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        collect(document, conditions);
                    }
                }
            } else if (!entry.getKey().startsWith("$") && !conditions.containsKey(entry.getKey())) {
                conditions.put(entry.getKey(), entry.getValue());
            }
        }
    }
}
