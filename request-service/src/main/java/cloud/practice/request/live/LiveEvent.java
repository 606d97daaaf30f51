package cloud.practice.request.live;

import java.time.Instant;

/**
 * One thing written to a live stream: a named event with an id and data, or (name null) a comment line.
 *
 * @param name the SSE {@code event:} ({@code ready}, {@code request}); null for a comment
 * @param id   the SSE {@code id:}, null where there is none
 * @param data the SSE {@code data:} (one line of JSON), or the comment's text
 */
public record LiveEvent(String name, String id, String data) {

    public static final String READY = "ready";
    public static final String REQUEST = "request";
    /** Written as {@code : keep-alive}. */
    public static final String KEEP_ALIVE = " keep-alive";

    public static LiveEvent ready(Instant at) {
        return new LiveEvent(READY, null, "{\"at\":\"" + at + "\"}");
    }

    /** A change of a request: id {@code <requestId>:<aggregate sequence>}, data the request as the caller sees it. */
    public static LiveEvent request(String requestId, long sequence, String view) {
        return new LiveEvent(REQUEST, requestId + ":" + sequence, view);
    }

    public static LiveEvent keepAlive() {
        return new LiveEvent(null, null, KEEP_ALIVE);
    }

    public boolean comment() {
        return name == null;
    }
}
