package cloud.practice.support.flow.publisher;

import cloud.practice.events.hierarchy.OrgUnitRenamed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A read model whose store fails the first times it is asked to apply a rename to a name starting with
 * {@link #FAILING} — as a projection's MongoDB does during an outage. The event must be applied once the store is
 * back, never skipped.
 */
@Component
@ProcessingGroup("flaky-read-model")
public class FlakyReadModel {

    public static final String FAILING = "暂时失败:";
    public static final int FAILURES = 2;

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final List<String> applied = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(OrgUnitRenamed event) {
        if (event.name().startsWith(FAILING)
                && attempts.merge(event.unitId(), 1, Integer::sum) <= FAILURES) {
            throw new IllegalStateException("store unavailable (attempt " + attempts.get(event.unitId()) + ")");
        }
        applied.add(event.unitId() + " " + event.name());
    }

    public List<String> applied() {
        return applied;
    }

    public int attempts(String unitId) {
        return attempts.getOrDefault(unitId, 0);
    }
}
