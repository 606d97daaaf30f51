package cloud.practice.support.flow.consumer;

import cloud.practice.events.Context;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.InboundEventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler on three consumer threads: records each event with the thread that handled it. */
@Component
public class ParallelRecordingHandler implements InboundEventHandler {

    public record Handled(InboundEvent event, String thread) {
    }

    private final List<Handled> handled = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "parallel-recorder";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY);
    }

    @Override
    public int concurrency() {
        return 3;
    }

    @Override
    public void handle(InboundEvent event) {
        handled.add(new Handled(event, Thread.currentThread().getName()));
    }

    public List<Handled> handled() {
        return handled;
    }
}
