package cloud.practice.notification.preferences;

import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.notice.NoticeKind;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;

/**
 * Each person's choices, by account: which kinds of notice reach them by SMS and by WeChat (the inbox always has
 * every notice), their quiet hours, and their WeChat identity once bound. A person who never chose gets the
 * {@link #DEFAULT_SMS defaults}: SMS only for what needs them soon, WeChat for everything once they bind it.
 */
@Component
public class Preferences {

    /** What goes by SMS unless the person says otherwise: what asks them to act or answers their own order. */
    static final Set<NoticeKind> DEFAULT_SMS = EnumSet.of(NoticeKind.ORDER_OFFERED, NoticeKind.CHECK_IN_REMINDER,
            NoticeKind.ORDER_ACCEPTED, NoticeKind.ORDER_REJECTED, NoticeKind.SLA_WARNING,
            NoticeKind.ESCALATED_TO_UNIT);

    /**
     * @param channels   per channel, the kinds it carries
     * @param quietFrom  quiet hours' start in the district's zone, or null for none
     * @param quietUntil quiet hours' end (may be the next morning)
     * @param wechatOpenId the person's openid of the district's mini-program, or null
     */
    public record Choice(Map<Channel, Set<NoticeKind>> channels, LocalTime quietFrom, LocalTime quietUntil,
                         String wechatOpenId) {

        public boolean wants(Channel channel, NoticeKind kind) {
            return channels.getOrDefault(channel, Set.of()).contains(kind);
        }

        public boolean hasQuietHours() {
            return quietFrom != null && quietUntil != null && !quietFrom.equals(quietUntil);
        }

        /** Whether the time of day falls in the quiet hours (which may run over midnight). */
        public boolean isQuietAt(LocalTime time) {
            if (!hasQuietHours()) {
                return false;
            }
            return quietFrom.isBefore(quietUntil)
                    ? !time.isBefore(quietFrom) && time.isBefore(quietUntil)
                    : !time.isBefore(quietFrom) || time.isBefore(quietUntil);
        }
    }

    public static Choice defaults() {
        Map<Channel, Set<NoticeKind>> channels = new EnumMap<>(Channel.class);
        channels.put(Channel.SMS, EnumSet.copyOf(DEFAULT_SMS));
        channels.put(Channel.WECHAT, EnumSet.allOf(NoticeKind.class));
        return new Choice(channels, null, null, null);
    }

    private final MongoCollection<Document> preferences;

    public Preferences(MongoTemplate mongo) {
        this.preferences = mongo.getDb().getCollection("preferences");
    }

    public Choice of(String districtId, String accountId) {
        Document stored = preferences.find(eq("_id", key(districtId, accountId))).first();
        if (stored == null) {
            return defaults();
        }
        Map<Channel, Set<NoticeKind>> channels = new EnumMap<>(Channel.class);
        Document storedChannels = stored.get("channels", Document.class);
        for (Channel channel : Channel.values()) {
            Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
            if (storedChannels != null && storedChannels.containsKey(channel.id())) {
                storedChannels.getList(channel.id(), String.class).forEach(id -> NoticeKind.parse(id)
                        .ifPresent(kinds::add));
            } else {
                kinds.addAll(defaults().channels().get(channel));
            }
            channels.put(channel, kinds);
        }
        return new Choice(channels, time(stored.getString("quietFrom")), time(stored.getString("quietUntil")),
                stored.getString("wechatOpenId"));
    }

    /** Stores the person's choice of channels and quiet hours; a WeChat binding stays as it is. */
    public void choose(String districtId, String accountId, Map<Channel, Set<NoticeKind>> channels,
                       LocalTime quietFrom, LocalTime quietUntil) {
        Map<String, Object> stored = new LinkedHashMap<>();
        channels.forEach((channel, kinds) -> stored.put(channel.id(), kinds.stream().map(NoticeKind::id).sorted()
                .toList()));
        preferences.updateOne(eq("_id", key(districtId, accountId)), Updates.combine(
                Updates.set("districtId", districtId), Updates.set("channels", new Document(stored)),
                Updates.set("quietFrom", quietFrom == null ? null : quietFrom.toString()),
                Updates.set("quietUntil", quietUntil == null ? null : quietUntil.toString())),
                new UpdateOptions().upsert(true));
    }

    public void bindWeChat(String districtId, String accountId, String openId) {
        preferences.updateOne(eq("_id", key(districtId, accountId)), Updates.combine(
                Updates.set("districtId", districtId), Updates.set("wechatOpenId", openId)),
                new UpdateOptions().upsert(true));
    }

    public void unbindWeChat(String districtId, String accountId) {
        preferences.updateOne(eq("_id", key(districtId, accountId)), Updates.unset("wechatOpenId"));
    }

    /** Erasure: the person's choices and WeChat identity. */
    public void erase(String districtId, String accountId) {
        preferences.deleteOne(eq("_id", key(districtId, accountId)));
    }

    private static LocalTime time(String text) {
        return text == null ? null : LocalTime.parse(text);
    }

    private static String key(String districtId, String accountId) {
        return districtId + "|" + accountId;
    }
}
