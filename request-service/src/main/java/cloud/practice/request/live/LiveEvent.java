package cloud.practice.request.live;

import java.time.Instant;

/**
 * One thing written to a live stream: a named event with an id and data, or (name null) a comment line.
 *
 * @param name the SSE {@code event:} ({@code ready}, {@code request}, {@code left}); null for a comment
 * @param id   the SSE {@code id:}, null where there is none
 * @param data the SSE {@code data:} (one line of JSON), or the comment's text
 */
public record LiveEvent(String name, String id, String data) {

    public static final String READY = "ready";
    public static final String REQUEST = "request";
    public static final String LEFT = "left";
    /** Written as {@code : keep-alive}. */
    public static final String KEEP_ALIVE = " keep-alive";

    public static LiveEvent ready(Instant at) {
        return new LiveEvent(READY, null, "{\"at\":\"" + at + "\"}");
    }

    /** A change of a request: id {@code <requestId>:<aggregate sequence>}, data the request as the caller sees it. */
    public static LiveEvent request(String requestId, long sequence, String view) {
        return new LiveEvent(REQUEST, requestId + ":" + sequence, view);
    }

    /**
     * A request escalated out of the stream's subtree: the stream's caller may no longer read it, so it gets only the
     * request's id and the change's sequence (drop the row), never the request as it is now.
     */
    public static LiveEvent left(String requestId, long sequence) {
        return new LiveEvent(LEFT, requestId + ":" + sequence,
                "{\"requestId\":\"" + requestId + "\",\"sequence\":" + sequence + "}");
    }

    public static LiveEvent keepAlive() {
        return new LiveEvent(null, null, KEEP_ALIVE);
    }

    public boolean comment() {
        return name == null;
    }
}
