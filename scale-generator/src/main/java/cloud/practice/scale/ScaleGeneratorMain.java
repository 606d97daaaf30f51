package cloud.practice.scale;

import java.util.List;
import java.util.Map;

/**
 * The scale generator's command (see README): generates the city into Kafka (or nowhere, {@code --sink null}),
 * prints progress and the final tally, and writes the oracle JSON.
 */
public final class ScaleGeneratorMain {

    private ScaleGeneratorMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("options (defaults): " + ScaleOptions.DEFAULTS);
            return;
        }
        ScaleOptions options = ScaleOptions.parse(args);
        System.out.printf("scale generator: %s%n", options);
        long start = System.nanoTime();
        long[] last = {start, 0};
        Map<String, Object> summary;
        try (EventSink sink = options.sink().equals("kafka") ? new KafkaSink(options.bootstrap(), options.partitions())
                : EventSink.discard()) {
            summary = ScaleGenerator.generate(options, sink, events -> {
                long now = System.nanoTime();
                if (now - last[0] >= 5_000_000_000L) {
                    System.out.printf("%,d events, %,.0f events/s now, %,.0f events/s overall%n", events,
                            (events - last[1]) / ((now - last[0]) / 1e9), events / ((now - start) / 1e9));
                    last[0] = now;
                    last[1] = events;
                }
            });
            System.out.println("flushing...");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = (Long) summary.get("events");
        System.out.printf("%,d events in %.1f s (%,.0f events/s, sink %s)%n", events, seconds, events / seconds,
                options.sink());
        System.out.println("per district:");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> districts = (List<Map<String, Object>>) summary.get("districts");
        for (Map<String, Object> district : districts) {
            System.out.printf("  %-16s %,12d events %,9d volunteers %,10d requests %s%n", district.get("districtId"),
                    district.get("events"), district.get("volunteers"), district.get("requests"),
                    district.get("requestsByFinalState"));
        }
        System.out.println("per topic: " + summary.get("eventsByTopic"));
        System.out.println("per type:");
        @SuppressWarnings("unchecked")
        Map<String, Long> types = (Map<String, Long>) summary.get("eventsByType");
        types.forEach((type, count) -> System.out.printf("  %-28s %,12d%n", type, count));
        if (options.summary() != null) {
            System.out.println("oracle: " + options.summary().toAbsolutePath());
        }
    }
}
