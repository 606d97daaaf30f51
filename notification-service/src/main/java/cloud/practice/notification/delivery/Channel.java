package cloud.practice.notification.delivery;

import java.util.Locale;
import java.util.Optional;

/** The ways a notice leaves besides the inbox, which every notice is written to. */
public enum Channel {
    SMS,
    WECHAT;

    /** {@code sms}, {@code wechat}: as the API and the settings name them. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> parse(String id) {
        for (Channel channel : values()) {
            if (channel.id().equals(id)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
