package cloud.practice.auth.sms;

/**
 * The port one-time codes and notices leave through. Adapters: {@link OutboxSmsSender} (a file the operator reads;
 * the local default) and {@link AliyunSmsSender} (Alibaba Cloud SMS). A send either reaches the provider's acceptance
 * ({@link Accepted}) or throws {@link SmsFailure}: then the code counts as not sent, and a notice is neither recorded
 * nor answered as sent. Whether the message reached the handset comes later, in the provider's delivery report
 * (matched by the notice's {@code outId}) — except where the adapter's acceptance is the delivery itself.
 */
public interface SmsSender {

    Accepted send(SmsMessage message);

    /**
     * The provider took the message.
     *
     * @param providerId the provider's id of this send (Aliyun's {@code BizId}); null when it gives none
     * @param delivered  whether the acceptance is already the delivery: the local outbox is the handset (the file is
     *                   where the message arrives), so no report will follow; false for a real provider, whose
     *                   delivery report tells later
     */
    record Accepted(String providerId, boolean delivered) {

        /** Taken by a provider that reports the delivery later. */
        public static Accepted byProvider(String providerId) {
            return new Accepted(providerId == null || providerId.isBlank() ? null : providerId, false);
        }

        /** Delivered the moment it was taken (the outbox). */
        public static Accepted deliveredAtOnce() {
            return new Accepted(null, true);
        }
    }

    /** Which approved template a provider fills in: one per kind of message, each with its own variable. */
    enum Template {
        /** A one-time code: the provider's code template, variable {@code code}. */
        CODE,
        /** A notice of the notification service (ADR 0023): the notice template, variable {@code text}. */
        NOTICE
    }

    /**
     * @param mobile   the number without +86
     * @param code     the six digits of a one-time code (providers with templates fill them in; never logged); null
     *                 for a notice
     * @param text     the whole message as the person reads it (the outbox writes it; a notice's text is the
     *                 notice template's variable)
     * @param template which template a provider uses
     * @param kind     a notice's kind ({@code order-offered}, …); null for a code
     * @param outId    a notice's id for the provider's delivery report (Aliyun's {@code OutId}, which the report
     *                 carries back as {@code out_id}); null for a code, whose delivery nobody asks about
     */
    record SmsMessage(String mobile, String code, String text, Template template, String kind, String outId) {

        public SmsMessage {
            java.util.Objects.requireNonNull(template, "template");
            if (template == Template.CODE && code == null) {
                throw new IllegalArgumentException("a code message needs its code");
            }
            if (template == Template.NOTICE && outId == null) {
                throw new IllegalArgumentException("a notice needs its outId");
            }
        }

        /** A one-time code. */
        public SmsMessage(String mobile, String code, String text) {
            this(mobile, code, text, Template.CODE, null, null);
        }

        /** A notice: its text is what the person reads after the provider's signature. */
        public static SmsMessage notice(String mobile, String kind, String text, String outId) {
            return new SmsMessage(mobile, null, text, Template.NOTICE, kind, outId);
        }

        @Override
        public String toString() {
            return "SmsMessage[" + template + (kind == null ? "" : " " + kind) + ", mobile="
                    + cloud.practice.support.privacy.Masking.phone(mobile) + "]";
        }
    }

    /** The message did not go out; the reason names the provider's answer, never the code. */
    final class SmsFailure extends RuntimeException {
        public SmsFailure(String message) {
            super(message);
        }

        public SmsFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
