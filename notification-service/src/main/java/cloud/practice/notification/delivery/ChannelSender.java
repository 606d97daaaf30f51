package cloud.practice.notification.delivery;

import cloud.practice.notification.notice.NoticeKind;

/**
 * The port a notice leaves through on one {@link Channel}. An adapter either returns once the provider accepted the
 * message or throws {@link DeliveryFailure}, saying whether trying again later can help. Retries, back-off and the
 * dead-letter list are the delivery worker's, never the adapter's: an adapter makes one attempt (it may renew its
 * own credentials once within it).
 */
public interface ChannelSender {

    Channel channel();

    /**
     * Whether the channel carries this kind of notice in the district at all (WeChat only where the district has a
     * template for it). A kind it does not carry is skipped, not failed.
     */
    default boolean carries(String districtId, NoticeKind kind) {
        return true;
    }

    /** @return the provider's id for the message, if it gives one (for the delivery log), else null */
    String send(Outgoing message);
}
