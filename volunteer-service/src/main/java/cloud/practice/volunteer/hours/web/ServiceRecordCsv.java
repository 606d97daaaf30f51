package cloud.practice.volunteer.hours.web;

import cloud.practice.support.csv.Csv;
import cloud.practice.volunteer.hours.query.HourViews.EntryView;
import cloud.practice.volunteer.hours.query.HourViews.ServiceRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A service record as CSV, written by the platform's one CSV writer ({@link Csv}: RFC 4180, formula-like cells
 * defused): one row per credited session and per honour grant, then the totals. Enum values keep their upper-case
 * names, as this export always showed them.
 */
final class ServiceRecordCsv {

    static final List<String> COLUMNS = List.of("volunteerId", "entryId", "kind", "date", "source", "sourceId",
            "unitId", "platform", "hours", "servedFrom", "servedTo", "overlapFlagged", "reason", "reference",
            "grantedBy", "revoked");

    private static final List<Csv.Column<List<Object>>> BY_POSITION = IntStream.range(0, COLUMNS.size())
            .mapToObj(i -> new Csv.Column<List<Object>>(COLUMNS.get(i), row -> row.get(i))).toList();

    private ServiceRecordCsv() {
    }

    static String of(ServiceRecord record) {
        List<EntryView> entries = new ArrayList<>(record.served());
        entries.addAll(record.honour());
        entries.sort(Comparator.comparing(EntryView::date).thenComparing(EntryView::entryId));
        List<List<Object>> rows = new ArrayList<>();
        for (EntryView entry : entries) {
            rows.add(row(record.volunteerId(), entry.entryId(), name(entry.kind()), entry.date(), entry.source(),
                    entry.sourceId(), entry.unitId(), name(entry.platform()), entry.hours(), entry.servedFrom(),
                    entry.servedTo(), entry.overlapFlagged(), entry.reason(), entry.reference(), entry.grantedBy(),
                    entry.revoked()));
        }
        rows.add(row(record.volunteerId(), "TOTAL", "", "", "", "", "", "", record.totals().totalHours(), "", "", "",
                "credit " + record.totals().creditHours() + " + honour " + record.totals().honourHours(),
                "stars " + record.stars(), "", ""));
        return Csv.write(BY_POSITION, rows);
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
