package cloud.practice.volunteer.hours.web;

import cloud.practice.volunteer.hours.query.HourViews.EntryView;
import cloud.practice.volunteer.hours.query.HourViews.ServiceRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A service record as CSV (RFC 4180): one row per credited session and per honour grant, then the totals. */
final class ServiceRecordCsv {

    static final List<String> COLUMNS = List.of("volunteerId", "entryId", "kind", "date", "source", "sourceId",
            "unitId", "platform", "hours", "servedFrom", "servedTo", "overlapFlagged", "reason", "reference",
            "grantedBy", "revoked");

    private ServiceRecordCsv() {
    }

    static String of(ServiceRecord record) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        List<EntryView> entries = new ArrayList<>(record.served());
        entries.addAll(record.honour());
        entries.sort(java.util.Comparator.comparing(EntryView::date).thenComparing(EntryView::entryId));
        for (EntryView entry : entries) {
            row(csv, record.volunteerId(), entry.entryId(), entry.kind(), entry.date(), entry.source(), entry.sourceId(),
                    entry.unitId(), entry.platform(), entry.hours(), entry.servedFrom(), entry.servedTo(),
                    entry.overlapFlagged(), entry.reason(), entry.reference(), entry.grantedBy(), entry.revoked());
        }
        row(csv, record.volunteerId(), "TOTAL", "", "", "", "", "", "", record.totals().totalHours(), "", "", "",
                "credit " + record.totals().creditHours() + " + honour " + record.totals().honourHours(),
                "stars " + record.stars(), "", "");
        return csv.toString();
    }

    private static void row(StringBuilder csv, Object... values) {
        csv.append(Stream.of(values).map(value -> cell(value == null ? "" : Objects.toString(value)))
                .collect(Collectors.joining(","))).append("\r\n");
    }

    /** Quotes when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+")
                ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
