package cloud.practice.notification.delivery;

/**
 * The port a notice leaves through on one {@link Channel}. An adapter either returns once the provider accepted the
 * message or throws {@link DeliveryFailure}, saying whether trying again later can help. Retries, back-off and the
 * dead-letter list are the delivery worker's, never the adapter's: an adapter makes one attempt (it may renew its
 * own credentials once within it).
 */
public interface ChannelSender {

    Channel channel();

    /** @return the provider's id for the message, if it gives one (for the delivery log), else null */
    String send(Outgoing message);
}
