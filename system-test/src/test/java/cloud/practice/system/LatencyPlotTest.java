package cloud.practice.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark plot from a step CSV: one point per step for p50 and p99, the target line, well-formed enough. */
class LatencyPlotTest {

    @Test
    void drawsEveryStepOfTheCsvWithTheTarget() {
        String csv = """
                offered_per_s,achieved_per_s,p50_ms,p99_ms,p999_ms,ok,failed
                2,2.0,40.10,90.50,120.00,30,0
                5,5.0,60.00,180.25,300.00,75,0
                10,9.8,150.00,420.00,600.00,150,0
                """;

        String svg = LatencyPlot.svg("Commands <through> the gateway", csv, 50);

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
        assertThat(svg).contains("target p99 50 ms", "Commands &lt;through&gt; the gateway");
        assertThat(svg.split("<circle", -1)).hasSize(1 + 2 * 3); // p50 and p99 for three steps
        assertThat(svg.split("<polyline", -1)).hasSize(1 + 2);
        assertThat(svg).contains(">2</text>", ">5</text>", ">10</text>");
    }
}
