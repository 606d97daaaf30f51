package cloud.practice.reporting.projection;

import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A unit's effective-dated placement (name, parent, status, communities) as a list of versions
 * {@code {from, to, name, parentId, status, communities}}: {@code from} inclusive, {@code to} exclusive or null
 * (still so). A change effective on D closes the last version at D and opens a new one; two changes on one day
 * make one version. History is never rewritten: a change cannot reach back before the last version.
 */
final class UnitHistory {

    private UnitHistory() {
    }

    static Document established(String districtId, String unitId, String code, String tier, String name,
                                String parentId, List<String> communities, Document location, LocalDate from) {
        Document version = new Document("from", from.toString()).append("to", null).append("name", name)
                .append("parentId", parentId).append("status", "ACTIVE")
                .append("communities", new ArrayList<>(communities));
        return new Document("districtId", districtId).append("unitId", unitId).append("code", code)
                .append("tier", tier).append("mergedInto", null).append("location", location)
                .append("versions", new ArrayList<>(List.of(version)));
    }

    /** Opens a version effective {@code on} with {@code change} applied to a copy of the last one. */
    @SuppressWarnings("unchecked")
    static void change(Document unit, LocalDate on, Consumer<Document> change) {
        List<Document> versions = (List<Document>) unit.get("versions");
        Document last = versions.get(versions.size() - 1);
        String date = on.toString();
        if (date.compareTo(last.getString("from")) <= 0) {
            // Same day (or a late correction the hierarchy refuses anyway): amend the last version.
            change.accept(last);
            return;
        }
        Document next = new Document(last);
        next.put("communities", new ArrayList<>((List<String>) last.get("communities")));
        next.put("from", date);
        next.put("to", null);
        last.put("to", date);
        change.accept(next);
        versions.add(next);
    }

    @SuppressWarnings("unchecked")
    static List<String> communities(Document version) {
        return (List<String>) version.get("communities");
    }
}
