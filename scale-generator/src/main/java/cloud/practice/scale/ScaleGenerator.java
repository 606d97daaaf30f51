package cloud.practice.scale;

import cloud.practice.scale.CityPlan.DistrictPlan;
import cloud.practice.support.json.EventJson;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/** Generates the city district by district into a sink, and the oracle of what it generated. */
public final class ScaleGenerator {

    private ScaleGenerator() {
    }

    /**
     * @param progress told the running event count now and then (every 65,536 events)
     * @return the oracle, as written to {@code options.summary()}
     */
    public static Map<String, Object> generate(ScaleOptions options, EventSink sink, LongConsumer progress) {
        Tally tally = new Tally(progress);
        EventWriter writer = new EventWriter(sink, tally);
        List<DistrictPlan> plans = CityPlan.of(options);
        for (DistrictPlan plan : plans) {
            DistrictTally district = tally.district(plan.districtId(), options.zone());
            new DistrictGenerator(options, plan, writer, district).run();
        }
        Map<String, Object> summary = summary(options, tally);
        if (options.summary() != null) {
            write(summary, options.summary());
        }
        return summary;
    }

    static Map<String, Object> summary(ScaleOptions options, Tally tally) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> generatedWith = new LinkedHashMap<>();
        generatedWith.put("seed", options.seed());
        generatedWith.put("districts", options.districts());
        generatedWith.put("largestVolunteers", options.largestVolunteers());
        generatedWith.put("largestRequests", options.largestRequests());
        generatedWith.put("years", options.years());
        generatedWith.put("until", options.until().toString());
        generatedWith.put("zone", options.zone().getId());
        generatedWith.put("tail", options.tail());
        generatedWith.put("institutes", options.institutes());
        generatedWith.put("stations", options.stations());
        generatedWith.put("activitiesPerStationMonth", options.activitiesPerStationMonth());
        json.put("options", generatedWith);
        json.put("events", tally.events());
        json.put("eventsByTopic", tally.byTopic());
        json.put("eventsByType", tally.byType());
        json.put("districts", tally.districts().stream().map(DistrictTally::toJson).toList());
        return json;
    }

    private static void write(Map<String, Object> summary, Path path) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            EventJson.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + path, e);
        }
    }
}
