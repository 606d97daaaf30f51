package cloud.practice.support.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A table from event types to typed handlers — {@code routes.on(RequestSubmitted.class, this::submitted)} — so a
 * consumer names what it does with each type instead of a chain of {@code instanceof} branches, and can say which
 * types it reads at all. Each handler also gets the context of the delivery ({@code A}: the subject and sequence of
 * the event, say).
 *
 * @param <A> what a handler learns beside the event itself
 */
public final class EventRoutes<A> {

    /** What to do with one type of event. */
    @FunctionalInterface
    public interface Route<E, A> {
        void handle(E event, A about);
    }

    private final Map<Class<?>, Route<Object, A>> routes = new LinkedHashMap<>();

    /** Handles events of exactly {@code type}; a second handler for the same type is a mistake and refused. */
    @SuppressWarnings("unchecked")
    public <E> EventRoutes<A> on(Class<E> type, Route<? super E, A> route) {
        if (routes.putIfAbsent(type, (Route<Object, A>) route) != null) {
            throw new IllegalStateException(type.getSimpleName() + " has a route already");
        }
        return this;
    }

    /** Hands the event to the handler of its type: false when it has none (a type this consumer ignores). */
    public boolean dispatch(Object event, A about) {
        Route<Object, A> route = routes.get(event.getClass());
        if (route == null) {
            return false;
        }
        route.handle(event, about);
        return true;
    }

    /** The types that have a handler. */
    public Set<Class<?>> types() {
        return Set.copyOf(routes.keySet());
    }
}
