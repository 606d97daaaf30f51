package cloud.practice.notification.delivery;

import cloud.practice.notification.notice.NoticeKind;

import java.time.Instant;
import java.util.Map;

/**
 * One notice on its way to one person through one channel.
 *
 * @param reference  the delivery's stable id ({@code <noticeId>:<channel>:<accountId>}, the same for every retry;
 *                   {@code :r2}, {@code :r3}, … appended once an operator redelivers one that was sent): providers
 *                   that deduplicate get it, and the issuer's SMS receipts name it
 * @param districtId the tenant (settings such as WeChat template ids are per district)
 * @param accountId  the recipient's account (the issuer's opaque id)
 * @param kind       what the notice is about
 * @param title      a short headline (≤ 20 characters)
 * @param body       the text as the person reads it (≤ 200 characters)
 * @param link       the page of the people's ends it points to (a path such as {@code /app/#/requests/req-1}), or
 *                   null
 * @param at         when the cause happened (an order's acceptance, a clock's due time)
 * @param fields     the notice's facts by name ({@code menuItem}, {@code unit}, {@code reason}, {@code dueAt}, …) for
 *                   channels whose templates take fields rather than text
 * @param address    the recipient's address on this channel when the service holds it (a WeChat openid), or null
 *                   when the channel resolves it itself (SMS: the issuer holds the numbers)
 */
public record Outgoing(String reference, String districtId, String accountId, NoticeKind kind, String title,
                       String body, String link, Instant at, Map<String, String> fields, String address) {
}
