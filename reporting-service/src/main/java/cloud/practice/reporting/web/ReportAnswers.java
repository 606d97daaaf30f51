package cloud.practice.reporting.web;

import cloud.practice.support.csv.Csv;
import cloud.practice.support.web.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** How every report answers: a page of JSON, or the page's rows as CSV with the total in {@code X-Total-Count}. */
final class ReportAnswers {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private ReportAnswers() {
    }

    static <T> ResponseEntity<?> answer(ReportFilters filters, String accept, List<T> rows,
                                        List<Csv.Column<T>> columns, String name) {
        boolean csv = filters.csv(accept);
        Page<T> page = Page.of(rows, filters.page(), filters.size());
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                    .header("X-Total-Count", Long.toString(page.total()))
                    .body(Csv.write(columns, page.items()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }
}
