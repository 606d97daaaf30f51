package cloud.practice.notification.notice;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice's id is its cause's fingerprint (ADR 0023: one notice per person per cause), and what the inbox and the
 * channels show is cut to size by characters as people count them, not by UTF-16 units.
 */
class NoticeTest {

    static final Recipient VOLUNTEER = Recipient.volunteer("vol-1");
    static final Instant AT = Instant.parse("2026-12-07T01:30:00Z");

    @Test
    void shouldDeriveTheSameOpaqueIdFromTheSameCause() {
        String id = Notice.idOf("cq-jiulongpo", NoticeKind.ORDER_OFFERED, "req-1@7", VOLUNTEER);

        assertThat(id).matches("ntc-[0-9a-f]{32}")
                .isEqualTo(Notice.idOf("cq-jiulongpo", NoticeKind.ORDER_OFFERED, "req-1@7",
                        Recipient.volunteer("vol-1")));
        // Nothing personal readable in it.
        assertThat(id).doesNotContain("vol-1").doesNotContain("req-1").doesNotContain("cq-jiulongpo");
        // Raised again with other words (a text changed between releases): the same notice.
        assertThat(notice("新的服务订单", "正文").id()).isEqualTo(notice("新的订单", "另一段正文").id());
    }

    @Test
    void shouldDeriveADifferentIdForEachRecipientKindCauseAndDistrict() {
        String id = Notice.idOf("cq-jiulongpo", NoticeKind.ORDER_OFFERED, "req-1@7", VOLUNTEER);

        assertThat(Notice.idOf("cq-jiulongpo", NoticeKind.ORDER_OFFERED, "req-1@7", Recipient.volunteer("vol-2")))
                .isNotEqualTo(id);
        assertThat(Notice.idOf("cq-jiulongpo", NoticeKind.ORDER_OFFERED, "req-1@7", Recipient.account("vol-1")))
                .as("the same id as an account is another recipient").isNotEqualTo(id);
        assertThat(Notice.idOf("cq-jiulongpo", NoticeKind.TEAM_CLAIM_OPEN, "req-1@7", VOLUNTEER)).isNotEqualTo(id);
        assertThat(Notice.idOf("cq-jiulongpo", NoticeKind.ORDER_OFFERED, "req-1@8", VOLUNTEER)).isNotEqualTo(id);
        assertThat(Notice.idOf("cq-yuzhong", NoticeKind.ORDER_OFFERED, "req-1@7", VOLUNTEER)).isNotEqualTo(id);
    }

    @Test
    void shouldKeepTextsThatFit() {
        String twenty = "一二三四五六七八九十一二三四五六七八九十";

        assertThat(Notice.clip(twenty, 20)).isEqualTo(twenty);
        assertThat(Notice.clip("", 20)).isEmpty();
        assertThat(Notice.clip(null, 20)).isNull();
    }

    @Test
    void shouldCutByCodePointsEndingWithAnEllipsis() {
        assertThat(Notice.clip("一二三四五六七八九十一二三四五六七八九十一", 20))
                .isEqualTo("一二三四五六七八九十一二三四五六七八九…")
                .satisfies(cut -> assertThat(cut.codePointCount(0, cut.length())).isEqualTo(20));
        // Characters outside the basic plane are two UTF-16 units each: counted as one, never split in half.
        String emoji = "😀".repeat(21);
        String cut = Notice.clip(emoji, 20);
        assertThat(cut).isEqualTo("😀".repeat(19) + "…");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(20);
        // 20 of them are 40 UTF-16 units, and still fit.
        assertThat(Notice.clip("😀".repeat(20), 20)).isEqualTo("😀".repeat(20));
    }

    @Test
    void shouldClipTitleAndBodyWhenMadeButKeepLinkAndFields() {
        Notice notice = Notice.of("cq-jiulongpo", VOLUNTEER, NoticeKind.ORDER_OFFERED, "req-1@7",
                "标".repeat(25), "文".repeat(230), "/app/#/volunteer/offers", AT, Map.of("service", "服".repeat(50)));

        assertThat(notice.title()).isEqualTo("标".repeat(19) + "…");
        assertThat(notice.body()).hasSize(200).endsWith("文…");
        assertThat(notice.link()).isEqualTo("/app/#/volunteer/offers");
        assertThat(notice.fields()).containsEntry("service", "服".repeat(50));
        assertThat(notice.id()).isEqualTo(Notice.idOf("cq-jiulongpo", NoticeKind.ORDER_OFFERED, "req-1@7",
                VOLUNTEER));
    }

    private static Notice notice(String title, String body) {
        return Notice.of("cq-jiulongpo", VOLUNTEER, NoticeKind.ORDER_OFFERED, "req-1@7", title, body, null, AT,
                Map.of());
    }
}
