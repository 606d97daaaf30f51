package cloud.practice.notification.channel.wechat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The mini-program's access token, shared by every thread of the replica and fetched again shortly before it runs
 * out.
 * <p>
 * It comes from the <b>stable</b> token endpoint ({@code POST /cgi-bin/stable_token}, getStableAccessToken) rather than
 * {@code GET /cgi-bin/token}: every fetch from the latter makes the previous token invalid, so two replicas would keep
 * invalidating each other's tokens unless a central service owned the token. The stable endpoint, called in its normal
 * mode ({@code force_refresh: false}), hands every caller the same token while it is valid and a new one in its last
 * five minutes, so each replica may keep its own copy. The forced mode is never used: it invalidates the token of
 * every other replica and WeChat allows it 20 times a day.
 */
final class AccessTokens {

    /** WeChat renews a stable token in its last five minutes: fetching then gets the next one. */
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final WeChatApi api;
    private final String appId;
    private final String appSecret;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Token token;

    private record Token(String value, Instant renewAt) {
    }

    AccessTokens(WeChatApi api, String appId, String appSecret, Clock clock) {
        this.api = api;
        this.appId = appId;
        this.appSecret = appSecret;
        this.clock = clock;
    }

    /** A token to call with: the cached one while it is fresh, else one fetch for all threads waiting. */
    String current() {
        Token cached = token;
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.value();
        }
        fetching.lock();
        try {
            cached = token;
            if (cached != null && clock.instant().isBefore(cached.renewAt())) {
                return cached.value();
            }
            token = fetch();
            return token.value();
        } finally {
            fetching.unlock();
        }
    }

    /**
     * WeChat refused {@code refused} as invalid or expired: another token, fetched unless another thread has fetched
     * one since.
     */
    String renew(String refused) {
        fetching.lock();
        try {
            Token cached = token;
            if (cached != null && !cached.value().equals(refused) && clock.instant().isBefore(cached.renewAt())) {
                return cached.value();
            }
            token = fetch();
            return token.value();
        } finally {
            fetching.unlock();
        }
    }

    private Token fetch() {
        ObjectNode request = api.object()
                .put("grant_type", "client_credential")
                .put("appid", appId)
                .put("secret", appSecret)
                .put("force_refresh", false);
        WeChatApi.Answer answer = api.post("/cgi-bin/stable_token", Map.of(), request);
        String value = answer.body().path("access_token").asText("");
        if (answer.errcode() != 0 || value.isEmpty()) {
            // 40013 (appid), 40125 (secret), 40164 / 61004 (this address not allowed): the app's settings, not the
            // message, are wrong; deliveries wait for the operators rather than being dropped.
            throw new WeChatUnavailable("WeChat refused the mini-program's access token (errcode " + answer.errcode()
                    + ": " + answer.errmsg() + "); check practice.notification.wechat.app-id and app-secret and the "
                    + "mini-program's IP allow-list");
        }
        long seconds = answer.body().path("expires_in").asLong(0);
        Duration lifetime = Duration.ofSeconds(seconds > 0 ? seconds : 60);
        Duration early = lifetime.dividedBy(2).compareTo(EARLY) < 0 ? lifetime.dividedBy(2) : EARLY;
        return new Token(value, clock.instant().plus(lifetime).minus(early));
    }
}
