package cloud.practice.auth.sms;

/**
 * The port one-time codes and notices leave through. Adapters: {@link OutboxSmsSender} (a file the operator reads;
 * the local default) and {@link AliyunSmsSender} (Alibaba Cloud SMS). A send either reaches the provider's acceptance
 * or throws {@link SmsFailure}: then the code counts as not sent, and a notice is neither recorded nor answered as
 * sent.
 */
public interface SmsSender {

    void send(SmsMessage message);

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
     */
    record SmsMessage(String mobile, String code, String text, Template template, String kind) {

        public SmsMessage {
            java.util.Objects.requireNonNull(template, "template");
            if (template == Template.CODE && code == null) {
                throw new IllegalArgumentException("a code message needs its code");
            }
        }

        /** A one-time code. */
        public SmsMessage(String mobile, String code, String text) {
            this(mobile, code, text, Template.CODE, null);
        }

        /** A notice: its text is what the person reads after the provider's signature. */
        public static SmsMessage notice(String mobile, String kind, String text) {
            return new SmsMessage(mobile, null, text, Template.NOTICE, kind);
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
