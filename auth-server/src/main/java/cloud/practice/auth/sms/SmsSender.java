package cloud.practice.auth.sms;

/**
 * The port one-time codes leave through. Adapters: {@link OutboxSmsSender} (a file the operator reads; the local
 * default) and {@link AliyunSmsSender} (Alibaba Cloud SMS). A send either reaches the provider's acceptance or
 * throws {@link SmsFailure}: then the code counts as not sent.
 */
public interface SmsSender {

    void send(SmsMessage message);

    /**
     * @param mobile  the number without +86
     * @param code    the six digits (providers with templates fill them in; never logged)
     * @param text    the whole message as the person reads it (the outbox writes it)
     */
    record SmsMessage(String mobile, String code, String text) {

        @Override
        public String toString() {
            return "SmsMessage[mobile=" + cloud.practice.support.privacy.Masking.phone(mobile) + "]";
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
