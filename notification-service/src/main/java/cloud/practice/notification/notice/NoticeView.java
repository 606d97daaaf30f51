package cloud.practice.notification.notice;

import java.time.Instant;
import java.util.Map;

/**
 * A notice as its reader sees it in the inbox and on the live stream.
 *
 * @param link    the page it points to, relative to the gateway ({@code /app/#/orders/req-1}), or null
 * @param urgent  sent during quiet hours too
 * @param readAt  when it was read (by anyone of a unit, for a unit's notice), or null
 */
public record NoticeView(String id, String kind, boolean urgent, String title, String body, String link,
                         Instant at, Instant createdAt, Instant readAt, Map<String, String> fields) {

    public static NoticeView of(Notice notice, Instant createdAt, Instant readAt) {
        return new NoticeView(notice.id(), notice.kind().id(), notice.kind().urgent(), notice.title(), notice.body(),
                notice.link(), notice.at(), createdAt, readAt, notice.fields());
    }

    public static NoticeView of(NoticeStore.Stored stored) {
        return of(stored.notice(), stored.createdAt(), stored.readAt());
    }
}
