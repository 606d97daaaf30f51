package cloud.practice.reporting.scenario;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import cloud.practice.events.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Appends events per aggregate with dense sequences, as the event stores would. */
public final class EventLog {

    private final List<Recorded> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    public Recorded append(String subject, DomainEvent payload, Instant time) {
        // Matching events have their own aggregates even though their subject is a request id.
        String stream = EventCatalog.contextOf(payload.getClass()) + "/" + subject;
        long seq = sequences.merge(stream, 1L, Long::sum) - 1;
        Recorded recorded = new Recorded(subject, seq, payload, time);
        events.add(recorded);
        return recorded;
    }

    public List<Recorded> events() {
        return List.copyOf(events);
    }

    public static Context contextOf(Recorded recorded) {
        return EventCatalog.contextOf(recorded.payload().getClass());
    }

    /**
     * The same events in another delivery order: streams of independent aggregates interleaved at random, each
     * aggregate's own order kept (as Kafka keeps it per key), and {@code duplicates} earlier events of an aggregate
     * delivered again (at-least-once redelivery).
     */
    public static List<Recorded> shuffled(List<Recorded> events, long seed, int duplicates) {
        Random random = new Random(seed);
        Map<String, List<Recorded>> streams = new LinkedHashMap<>();
        events.forEach(e -> streams.computeIfAbsent(contextOf(e) + "/" + e.subject(), k -> new ArrayList<>()).add(e));
        List<List<Recorded>> pending = new ArrayList<>(streams.values());
        int[] next = new int[pending.size()];
        List<Recorded> out = new ArrayList<>();
        int remaining = events.size();
        int duplicatesLeft = duplicates;
        while (remaining > 0) {
            int pick = random.nextInt(pending.size());
            List<Recorded> stream = pending.get(pick);
            if (next[pick] >= stream.size()) {
                continue;
            }
            out.add(stream.get(next[pick]++));
            remaining--;
            if (duplicatesLeft > 0 && random.nextInt(4) == 0) {
                out.add(stream.get(random.nextInt(next[pick])));
                duplicatesLeft--;
            }
        }
        return out;
    }
}
