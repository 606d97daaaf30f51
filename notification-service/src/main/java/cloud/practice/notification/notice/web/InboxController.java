package cloud.practice.notification.notice.web;

import cloud.practice.notification.access.NoticeAccess;
import cloud.practice.notification.notice.Delivery;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.NoticeView;
import cloud.practice.notification.notice.live.NoticeStreams;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A person's inbox: their notices, their unit's, read and unread, and live. */
@RestController
@Validated
@RequestMapping("/api/v1/notices")
@Tag(name = "notices")
public class InboxController {

    /** A notice's id: {@code ntc-} and 32 hex digits. */
    public static final String NOTICE_ID = "ntc-[0-9a-f]{32}";

    private final NoticeAccess access;
    private final NoticeStore notices;
    private final NoticeStreams streams;
    private final Clock clock;

    public InboxController(NoticeAccess access, NoticeStore notices, NoticeStreams streams, Clock clock) {
        this.access = access;
        this.notices = notices;
        this.streams = streams;
        this.clock = clock;
    }

    /** One page of the inbox, newest first, with how many are unread in all. */
    public record InboxPage(List<NoticeView> items, int page, int size, long total, long unread) {
    }

    /** A notice with how it went out on each channel (the caller's own channels; a unit's notices show none). */
    public record NoticeDetail(NoticeView notice, List<DeliveryView> deliveries) {
    }

    public record DeliveryView(String channel, String state, int attempts, List<Delivery.Step> log) {
    }

    public record Unread(long unread) {
    }

    public record Marked(long marked) {
    }

    @GetMapping
    @Operation(summary = "The caller's notices, newest first: those to their account, to the volunteer they are, and "
            + "(unit staff) to their unit; unread=true for the unread only")
    public InboxPage inbox(@Parameter(hidden = true) Caller caller, District district,
                           @RequestParam(defaultValue = "false") boolean unread,
                           @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        List<String> recipients = access.inboxOf(caller, district.id());
        List<NoticeView> items = notices.inbox(district.id(), recipients, unread, page, size).stream()
                .map(NoticeView::of).toList();
        return new InboxPage(items, page, size, notices.count(district.id(), recipients, unread),
                notices.count(district.id(), recipients, true));
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of the caller's notices are unread")
    public Unread unread(@Parameter(hidden = true) Caller caller, District district) {
        return new Unread(notices.count(district.id(), access.inboxOf(caller, district.id()), true));
    }

    @GetMapping("/{noticeId}")
    @Operation(summary = "One of the caller's notices, with its deliveries' log on the caller's own channels")
    public NoticeDetail notice(@Parameter(hidden = true) Caller caller, District district,
                               @PathVariable @Pattern(regexp = NOTICE_ID) String noticeId) {
        List<String> recipients = access.inboxOf(caller, district.id());
        NoticeStore.Stored stored = own(district.id(), noticeId, recipients);
        List<DeliveryView> deliveries = stored.deliveries().stream()
                .filter(d -> recipients.contains(d.target().key()))
                .map(d -> new DeliveryView(d.channel().id(), d.state().name().toLowerCase(java.util.Locale.ROOT),
                        d.attempts(), d.log()))
                .toList();
        return new NoticeDetail(NoticeView.of(stored), deliveries);
    }

    @PostMapping("/{noticeId}/read")
    @Operation(summary = "Marks one of the caller's notices read (a unit's notice for the whole unit); reading it "
            + "again changes nothing")
    public NoticeView read(@Parameter(hidden = true) Caller caller, District district,
                           @PathVariable @Pattern(regexp = NOTICE_ID) String noticeId) {
        List<String> recipients = access.inboxOf(caller, district.id());
        own(district.id(), noticeId, recipients);
        notices.markRead(district.id(), noticeId, recipients, clock.instant());
        return NoticeView.of(own(district.id(), noticeId, recipients));
    }

    @PostMapping("/read-all")
    @Operation(summary = "Marks every unread notice of the caller read")
    public Marked readAll(@Parameter(hidden = true) Caller caller, District district) {
        Instant now = clock.instant();
        return new Marked(notices.markAllRead(district.id(), access.inboxOf(caller, district.id()), now));
    }

    @GetMapping("/live")
    @Operation(summary = "The caller's inbox, live (text/event-stream): `event: ready` (data {\"at\"}) once "
            + "subscribed — fetch the inbox after it — then `event: notice` (id: the notice's id, data: the notice as "
            + "the inbox shows it) for each new notice of the caller, and `: keep-alive` comments at least every "
            + "10 s. No replay: after a reconnect, wait for ready and fetch again. The stream ends after at most "
            + "30 min, when the client does not keep up, and on shutdown: reconnect.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The stream",
                            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                    schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "403", description = "Machine clients and other districts"),
                    @ApiResponse(responseCode = "503", description = "too-many-streams")})
    public SseEmitter live(@Parameter(hidden = true) Caller caller, District district,
                           HttpServletResponse response) {
        List<String> recipients = access.inboxOf(caller, district.id());
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return streams.open(district.id(), recipients);
    }

    private NoticeStore.Stored own(String districtId, String noticeId, List<String> recipients) {
        return notices.find(districtId, noticeId)
                .filter(stored -> recipients.contains(stored.notice().recipient().key()))
                .orElseThrow(() -> ApiException.notFound("notice", noticeId));
    }
}
