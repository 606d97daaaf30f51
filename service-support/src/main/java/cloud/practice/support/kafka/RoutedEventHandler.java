package cloud.practice.support.kafka;

import java.util.Set;

/**
 * An {@link InboundEventHandler} that is its {@link EventRoutes}: it names its routes once ({@link #routes()}), reads
 * exactly their types and hands each event to its route — the one way a consumer says what it does with a topic.
 */
public abstract class RoutedEventHandler implements InboundEventHandler {

    private volatile EventRoutes<InboundEvent> routes;

    /** This handler's routes; asked for once, after construction, since routes use the handler's own fields. */
    protected abstract EventRoutes<InboundEvent> routes();

    @Override
    public Set<Class<?>> types() {
        return routed().types();
    }

    @Override
    public void handle(InboundEvent event) {
        routed().dispatch(event.payload(), event);
    }

    private EventRoutes<InboundEvent> routed() {
        EventRoutes<InboundEvent> built = routes;
        if (built == null) {
            synchronized (this) {
                if (routes == null) {
                    routes = routes();
                }
                built = routes;
            }
        }
        return built;
    }
}
