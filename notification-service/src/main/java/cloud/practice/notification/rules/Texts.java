package cloud.practice.notification.rules;

import cloud.practice.events.request.Stage;
import cloud.practice.notification.config.NotificationSettings;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words of the notices, in one place (Chinese, as the people read them), and the pages they link to. A notice
 * says only what its recipient may already see: the service's name, a unit's name, a rejection's reason to the one
 * who ordered; never who the other person is.
 */
@Component
public class Texts {

    /** The people's app and the staff console, as the gateway serves them (ADR 0017). */
    static final String APP = "/app/#";
    static final String CONSOLE = "/app/console.html#";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.CHINA);

    private final NotificationSettings settings;

    public Texts(NotificationSettings settings) {
        this.settings = settings;
    }

    /** {@code 12月7日 09:30} in the district's zone. */
    public String when(String districtId, Instant at) {
        return WHEN.format(at.atZone(settings.zone(districtId)));
    }

    static String stage(Stage stage) {
        return switch (stage) {
            case REVIEW -> "审核";
            case DISPATCH -> "派单";
            case ACCEPT -> "接单";
            case COMPLETE -> "完成服务";
        };
    }

    static String service(String menuItemName) {
        return menuItemName == null ? "志愿服务" : menuItemName;
    }

    static String appLink(String path) {
        return APP + path;
    }

    static String consoleLink(String path) {
        return CONSOLE + path;
    }
}
