package cloud.practice.notification.preferences;

/**
 * The port a person's mini-program identity is found through: their mini-program's login code exchanged for the
 * openid subscription messages go to (WeChat's adapter in {@code channel.wechat}). Absent when WeChat is not
 * configured.
 */
public interface MiniProgramIdentity {

    /**
     * @throws CodeRefused the code is not one the provider takes: the person's mini-program asks for a new one
     * @throws Unavailable the provider could not be asked; asking again later may help
     */
    String openid(String code);

    /** The caller's code was refused (the API answers 400 on {@code code}). */
    class CodeRefused extends RuntimeException {
        public CodeRefused(String message) {
            super(message);
        }
    }

    /** The provider could not be asked (the API answers 503). */
    class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
