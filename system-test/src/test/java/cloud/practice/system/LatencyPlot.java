package cloud.practice.system;

import cloud.practice.testing.OpenModelLoad;

import java.util.List;
import java.util.Locale;

/**
 * Latency against offered rate as a small standalone SVG (p50 and p99 per step, the target as a dashed line, a
 * logarithmic latency axis): a curve says more than a table where the knee is. No library, so docs can keep it.
 */
final class LatencyPlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private LatencyPlot() {
    }

    /**
     * The same plot from a benchmark's step CSV ({@code offered_per_s,achieved_per_s,p50_ms,p99_ms,p999_ms,ok,failed}
     * with a header line, as CommandsThroughGatewayBenchmarkIT writes it), e.g. to redraw the median of several runs.
     */
    static String svg(String title, String csv, double targetMillis) {
        List<OpenModelLoad.Latencies> steps = csv.lines().skip(1).filter(line -> !line.isBlank()).map(line -> {
            String[] f = line.split(",");
            int ok = Integer.parseInt(f[5].trim());
            int failed = Integer.parseInt(f[6].trim());
            return new OpenModelLoad.Latencies("csv", Integer.parseInt(f[0].trim()), ok + failed, ok, failed,
                    micros(f[2]), micros(f[3]), micros(f[4]), micros(f[4]), Double.parseDouble(f[1].trim()));
        }).toList();
        return svg(title, steps, targetMillis);
    }

    private static long micros(String millis) {
        return Math.round(Double.parseDouble(millis.trim()) * 1000);
    }

    static String svg(String title, List<OpenModelLoad.Latencies> steps, double targetMillis) {
        double maxRate = steps.stream().mapToInt(OpenModelLoad.Latencies::rate).max().orElse(1);
        double maxMillis = Math.max(targetMillis * 2, steps.stream().mapToLong(OpenModelLoad.Latencies::p99).max()
                .orElse(1) / 1000.0);
        double minMillis = 0.5;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator x = rate -> LEFT + rate / maxRate * plotWidth;
        java.util.function.DoubleUnaryOperator y = millis -> TOP + plotHeight
                - (Math.log10(Math.max(minMillis, millis)) - Math.log10(minMillis))
                / (Math.log10(maxMillis) - Math.log10(minMillis)) * plotHeight;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT,
                escape(title)));
        for (double tick = 1; tick <= maxMillis * 1.0001; tick *= 10) {
            for (double t : new double[] {tick, tick * 2, tick * 5}) {
                if (t > maxMillis) {
                    continue;
                }
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT,
                        WIDTH - RIGHT, y.applyAsDouble(t), y.applyAsDouble(t), LEFT - 6, y.applyAsDouble(t) + 4,
                        t < 1 ? String.valueOf(t) : String.valueOf((long) t)));
            }
        }
        for (OpenModelLoad.Latencies step : steps) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x.applyAsDouble(step.rate()), HEIGHT - BOTTOM + 18, step.rate()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">offered "
                + "commands/s (open model)</text>%n", LEFT + plotWidth / 2, HEIGHT - 12));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c62f2f\" "
                        + "stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%.1f\" fill=\"#c62f2f\" text-anchor=\"end\">"
                        + "target p99 %s ms</text>%n", LEFT, WIDTH - RIGHT, y.applyAsDouble(targetMillis),
                y.applyAsDouble(targetMillis), WIDTH - RIGHT, y.applyAsDouble(targetMillis) - 5,
                (long) targetMillis));
        line(svg, steps, x, y, true, "#3a7bd5", "p99");
        line(svg, steps, x, y, false, "#2e9e5b", "p50");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void line(StringBuilder svg, List<OpenModelLoad.Latencies> steps,
                             java.util.function.DoubleUnaryOperator x, java.util.function.DoubleUnaryOperator y,
                             boolean p99, String colour, String label) {
        StringBuilder points = new StringBuilder();
        for (OpenModelLoad.Latencies step : steps) {
            double millis = (p99 ? step.p99() : step.p50()) / 1000.0;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(step.rate()), y.applyAsDouble(millis)));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                    x.applyAsDouble(step.rate()), y.applyAsDouble(millis), colour));
        }
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"2\"/>%n", points.toString().trim(), colour));
        if (!steps.isEmpty()) {
            OpenModelLoad.Latencies last = steps.get(steps.size() - 1);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                    x.applyAsDouble(last.rate()) - 30, y.applyAsDouble((p99 ? last.p99() : last.p50()) / 1000.0) - 8,
                    colour, label));
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
