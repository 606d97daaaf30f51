package cloud.practice.request.live.web;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.request.live.LiveEvent;
import cloud.practice.request.live.LiveQueueSettings;
import cloud.practice.request.live.LiveQueueUnavailable;
import cloud.practice.request.live.LiveStream;
import cloud.practice.request.live.LiveStreams;
import cloud.practice.request.live.RequestChangeFeed;
import cloud.practice.request.live.StreamSink;
import cloud.practice.request.live.UnpublishedChangeFeed;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.District;
import cloud.practice.support.web.ProblemHandling;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * A unit's work queue, live (ADR 0018): server-sent events over one long response. Refusals are ordinary
 * problem+json answers given before any stream starts.
 */
@RestController
@Validated
@RequestMapping("/api/v1/requests")
@Tag(name = "requests")
public class LiveQueueController {

    private final RequestAccess access;
    private final LiveStreams streams;
    private final RequestChangeFeed feed;
    private final UnpublishedChangeFeed unpublished;
    private final LiveQueueSettings settings;
    private final Clock clock;

    public LiveQueueController(RequestAccess access, LiveStreams streams, RequestChangeFeed feed,
                               UnpublishedChangeFeed unpublished, LiveQueueSettings settings, Clock clock) {
        this.access = access;
        this.streams = streams;
        this.feed = feed;
        this.unpublished = unpublished;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/live")
    @Operation(summary = "A unit's queue, live (text/event-stream): who may list the queue (district staff and "
            + "systems; unitId defaults as on GET /requests) gets `event: ready` (data {\"at\": instant}) once "
            + "subscribed — fetch the queue after it — then `event: request` with `id: <requestId>:<sequence>` and "
            + "the request as GET /requests/{id} shows it to the caller, for every change of a request (a staff "
            + "note too) whose "
            + "responsible unit is within the unit's subtree, once this service's read model shows it; "
            + "`event: left` (same id; data {\"requestId\", \"sequence\"} only) when a request is escalated out of "
            + "the subtree — drop it; `: keep-alive` comments at least every 10 s. No replay: Last-Event-ID is ignored; after a reconnect, "
            + "wait for ready and fetch again. The stream ends after at most 30 min, when the client does not keep "
            + "up, and on shutdown: reconnect. 503 too-many-streams (Retry-After) when the replica's streams are "
            + "all taken.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The stream",
                            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                    schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "400", description = "A parameter is invalid (field named)"),
                    @ApiResponse(responseCode = "403", description = "The caller may not list this queue"),
                    @ApiResponse(responseCode = "503", description = "too-many-streams or stream-unavailable; "
                            + "Retry-After")})
    public SseEmitter live(@Parameter(hidden = true) Caller caller,
                           District district,
                           @RequestParam(required = false) @Pattern(regexp = ID) String unitId,
                           HttpServletResponse response) {
        RequestAccess.SearchFilters filters = access.followQueue(caller, district.id(), unitId);
        if (!feed.positioned() || !unpublished.positioned()) {
            throw LiveQueueUnavailable.feedNotReady();
        }
        SseEmitter emitter = new SseEmitter(settings.maxDuration().toMillis());
        // Proxies in front (nginx) must not buffer the stream; the gateway flushes event by event anyway.
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        LiveStream stream = streams.open(district.id(), filters.unitId(), filters.platforms(), caller,
                new EmitterSink(emitter), LiveEvent.ready(clock.instant()));
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(error -> stream.close());
        return emitter;
    }

    @ExceptionHandler(LiveQueueUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(LiveQueueUnavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create(ProblemHandling.TYPE_BASE + e.type()));
        problem.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem);
    }

    /** The stream's events as SSE on the response. */
    static final class EmitterSink implements StreamSink {

        private final SseEmitter emitter;

        EmitterSink(SseEmitter emitter) {
            this.emitter = emitter;
        }

        @Override
        public void send(LiveEvent event) throws IOException {
            if (event.comment()) {
                emitter.send(SseEmitter.event().comment(event.data()));
                return;
            }
            SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event.name());
            if (event.id() != null) {
                builder.id(event.id());
            }
            emitter.send(builder.data(event.data()));
        }

        @Override
        public void close() {
            emitter.complete();
        }
    }
}
