package cloud.practice.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The whole run's counts: per topic, and each district's {@link DistrictTally}. */
final class Tally {

    private final Map<String, long[]> byTopic = new TreeMap<>();
    private final List<DistrictTally> districts = new ArrayList<>();
    private final java.util.function.LongConsumer progress;
    private long events;

    Tally(java.util.function.LongConsumer progress) {
        this.progress = progress;
    }

    void counted(String topic) {
        byTopic.computeIfAbsent(topic, key -> new long[1])[0]++;
        if ((++events & 0xFFFF) == 0) {
            progress.accept(events);
        }
    }

    DistrictTally district(String districtId, java.time.ZoneId zone) {
        DistrictTally district = new DistrictTally(districtId, zone);
        districts.add(district);
        return district;
    }

    long events() {
        return events;
    }

    List<DistrictTally> districts() {
        return districts;
    }

    Map<String, Long> byTopic() {
        Map<String, Long> counts = new TreeMap<>();
        byTopic.forEach((topic, count) -> counts.put(topic, count[0]));
        return counts;
    }

    Map<String, Long> byType() {
        Map<String, Long> counts = new TreeMap<>();
        districts.forEach(district -> district.byType().forEach((type, count) -> counts.merge(type, count, Long::sum)));
        return counts;
    }
}
