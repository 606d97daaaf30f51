package cloud.practice.request;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of {@code GET /api/v1/requests/live} as the staff console reads it (fetch with a bearer token, not
 * EventSource): the answer's status and headers, then every SSE block parsed as it arrives.
 */
final class LiveClient implements AutoCloseable {

    /** One SSE block: an event (name, id, data) or a comment (name null, data its text). */
    record Event(String name, String id, String data) {

        boolean comment() {
            return name == null;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Event END = new Event("<end of stream>", null, null);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final String body;
    private volatile IOException failure;

    private LiveClient(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() == 200) {
            body = null;
            Thread reader = new Thread(this::read, "live-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    static LiveClient open(int port, String query, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/requests/live" + query))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new LiveClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer that is not a stream (a problem). */
    String body() {
        return body;
    }

    /** The next block, comments included; fails after {@code within}. */
    Event next(Duration within) throws InterruptedException {
        Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + within);
        }
        return event;
    }

    /** The next event that is not a comment. */
    Event nextEvent(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!event.comment()) {
                return event;
            }
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            String comment = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || data != null) {
                        events.add(new Event(name == null ? "message" : name, id, data == null ? "" : data.toString()));
                    } else if (comment != null) {
                        events.add(new Event(null, null, comment));
                    }
                    name = null;
                    id = null;
                    data = null;
                    comment = null;
                } else if (line.startsWith(":")) {
                    comment = value(line.substring(1));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : value(line.substring(colon + 1));
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException broken) {
            failure = broken; // closed by the test, or cut
        } finally {
            events.add(END);
        }
    }

    /** The SSE rule: one space after the colon is not part of the value. */
    private static String value(String raw) {
        return raw.startsWith(" ") ? raw.substring(1) : raw;
    }

    /** How reading ended, if it did not end with the response: null after a complete response. */
    IOException failure() {
        return failure;
    }

    static boolean ended(Event event) {
        return event == END;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
