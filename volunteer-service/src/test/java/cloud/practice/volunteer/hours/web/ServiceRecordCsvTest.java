package cloud.practice.volunteer.hours.web;

import cloud.practice.volunteer.hours.query.HourDocuments.Kind;
import cloud.practice.volunteer.hours.query.HourViews.EntryView;
import cloud.practice.volunteer.hours.query.HourViews.ServiceRecord;
import cloud.practice.volunteer.hours.query.HourViews.Totals;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service record's CSV goes through the platform's CSV writer: every cell a spreadsheet would run is defused. */
class ServiceRecordCsvTest {

    @Test
    void shouldDefuseEveryCellThatASpreadsheetWouldRunAsAFormula() {
        String csv = ServiceRecordCsv.of(record(
                grant("grant-1", "=HYPERLINK(\"http://evil.example\",\"证书\")", "@SUM(A1:A9)", "admin-1"),
                grant("grant-2", "+86 补录", "-2+3", "admin-2"),
                grant("grant-3", "\t=1+1", "\r=1+1", "admin-3")));

        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.get(1)).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"证书\"\")\",'@SUM(A1:A9),");
        assertThat(lines.get(2)).contains(",'+86 补录,'-2+3,");
        assertThat(csv).contains(",'\t=1+1,").contains("\"'\r=1+1\"");
        assertThat(lines.get(1)).as("enum names as before").startsWith("vol-1,grant-1,HONOUR,2026-03-01,");
    }

    private static ServiceRecord record(EntryView... honour) {
        return new ServiceRecord("vol-1", "cq-test", "张*明", false, null, null, "MONTH", 0,
                new Totals(0, 6, 6, 12), List.of(), List.of(), List.of(), List.of(), List.of(honour),
                Instant.parse("2026-03-02T00:00:00Z"));
    }

    private static EntryView grant(String id, String reason, String reference, String grantedBy) {
        return new EntryView(id, Kind.HONOUR, null, null, null, null, 2, 4, "2026-03-01", null, null, null, null,
                reason, reference, grantedBy, Instant.parse("2026-03-01T02:00:00Z"), false, null, null, null);
    }
}
