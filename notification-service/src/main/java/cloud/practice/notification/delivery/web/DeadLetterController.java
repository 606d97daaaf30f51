package cloud.practice.notification.delivery.web;

import cloud.practice.notification.access.NoticeAccess;
import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.notice.Delivery;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.web.InboxController;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The district's dead letters: deliveries that failed for good or ran out of attempts, with their log, for the
 * district's administrators and systems to read and send again. The notices' words are not shown here: an operator
 * needs the cause of a failure, not what a person was told.
 */
@RestController
@Validated
@RequestMapping("/api/v1/notices")
@Tag(name = "notices")
public class DeadLetterController {

    private final NoticeAccess access;
    private final NoticeStore notices;
    private final Clock clock;

    public DeadLetterController(NoticeAccess access, NoticeStore notices, Clock clock) {
        this.access = access;
        this.notices = notices;
        this.clock = clock;
    }

    public record DeadLetter(String noticeId, String kind, String recipient, Instant createdAt,
                             List<DeadDelivery> deliveries) {
    }

    public record DeadDelivery(String channel, String to, String state, int attempts, List<Delivery.Step> log) {
    }

    public record Redelivered(String noticeId, String channel, int redelivered) {
    }

    @GetMapping("/dead-letters")
    @Operation(summary = "Notices of the district with a dead delivery, newest first (district admins and systems)")
    public Page<DeadLetter> deadLetters(@Parameter(hidden = true) Caller caller, District district,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        access.operate(caller, district.id());
        List<DeadLetter> items = notices.deadLetters(district.id(), page, size).stream()
                .map(stored -> new DeadLetter(stored.notice().id(), stored.notice().kind().id(),
                        stored.notice().recipient().key(), stored.createdAt(), stored.deliveries().stream()
                        .filter(d -> d.state() == Delivery.State.DEAD)
                        .map(d -> new DeadDelivery(d.channel().id(), d.target().key(),
                                d.state().name().toLowerCase(Locale.ROOT), d.attempts(), d.log())).toList()))
                .toList();
        return new Page<>(items, page, size, notices.countDeadLetters(district.id()));
    }

    @PostMapping("/{noticeId}/redeliver")
    @Operation(summary = "Sends a notice's dead deliveries on the channel again (attempts start over); 409 busy while "
            + "a worker holds the notice — try again in a moment")
    public Redelivered redeliver(@Parameter(hidden = true) Caller caller, District district,
                                 @PathVariable @Pattern(regexp = InboxController.NOTICE_ID) String noticeId,
                                 @RequestParam @Pattern(regexp = "sms|wechat") String channel) {
        access.operate(caller, district.id());
        if (notices.find(district.id(), noticeId).isEmpty()) {
            throw ApiException.notFound("notice", noticeId);
        }
        Channel which = Channel.parse(channel).orElseThrow();
        int count = notices.redeliver(district.id(), noticeId, which, caller.userId(), clock.instant())
                .orElseThrow(() -> ApiException.conflict("busy", "A worker is sending notice '" + noticeId
                        + "' right now; try again in a moment"));
        return new Redelivered(noticeId, which.id(), count);
    }
}
