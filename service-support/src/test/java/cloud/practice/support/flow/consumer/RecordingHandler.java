package cloud.practice.support.flow.consumer;

import cloud.practice.events.Context;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.InboundEventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what it was handed, so a test can count applications per event id. */
@Component
public class RecordingHandler implements InboundEventHandler {

    private final List<InboundEvent> handled = new CopyOnWriteArrayList<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    @Override
    public void handle(InboundEvent event) {
        handled.add(event);
        threads.add(Thread.currentThread().getName());
    }

    /** The threads that handled events (the service's default concurrency: one). */
    public Set<String> handledOn() {
        return threads;
    }

    public List<InboundEvent> handled() {
        return handled;
    }

    public long timesHandled(String eventId) {
        return handled.stream().filter(event -> event.id().equals(eventId)).count();
    }
}
