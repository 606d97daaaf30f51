package cloud.practice.support.csv;

import cloud.practice.support.csv.Csv.Column;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    private record Row(String text, Double ratio, Long count) {
    }

    private static final List<Column<Row>> COLUMNS = List.of(new Column<>("text", Row::text),
            new Column<>("ratio", Row::ratio), new Column<>("count", Row::count));

    @Test
    void shouldWriteAHeaderThenOneCrlfTerminatedLinePerRow() {
        String csv = Csv.write(COLUMNS, List.of(new Row("plain", 0.5, 3L), new Row(null, null, null)));
        assertThat(csv).isEqualTo("text,ratio,count\r\nplain,0.5,3\r\n,,\r\n");
    }

    @Test
    void shouldQuoteCommasQuotesAndLineBreaksAndDefuseFormulas() {
        String csv = Csv.write(COLUMNS, List.of(new Row("a,b", 1.0, 1L), new Row("say \"hi\"", 1e-7, 2L),
                new Row("two\nlines", 12345678.9, 3L), new Row("=SUM(A1)", 0.0, 4L)));
        assertThat(csv.split("\r\n")).containsExactly("text,ratio,count", "\"a,b\",1,1", "\"say \"\"hi\"\"\",0.0000001,2",
                "\"two\nlines\",12345678.9,3", "'=SUM(A1),0,4");
    }

    @Test
    void shouldDefuseEveryCellAFormulaCouldStartWith() {
        for (String formula : List.of("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1")) {
            assertThat(Csv.defuse(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.field(-3L)).as("numbers stay numbers").isEqualTo("-3");
        assertThat(Csv.defuse("盘龙社区")).isEqualTo("盘龙社区");
        assertThat(Csv.defuse("")).isEmpty();
    }
}
