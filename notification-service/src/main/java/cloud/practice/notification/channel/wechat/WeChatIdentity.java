package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.preferences.MiniProgramIdentity;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person's mini-program identity: the {@code wx.login} code their mini-program sends, exchanged with WeChat
 * ({@code GET /sns/jscode2session}, code2Session) for their openid, the address subscription messages go to. WeChat's
 * answer also carries a {@code session_key}, the key of the person's encrypted data: it is never logged, stored nor
 * passed on, only dropped with the answer.
 */
public final class WeChatIdentity implements MiniProgramIdentity {

    /** wx.login codes are a few dozen characters; anything much longer is not one. */
    private static final int LONGEST_CODE = 128;

    private final WeChatSettings settings;
    private final WeChatApi api;

    public WeChatIdentity(WeChatSettings settings) {
        this.settings = settings;
        this.api = new WeChatApi(settings, new ObjectMapper());
    }

    /**
     * @return the openid of the person whose mini-program got {@code code} from {@code wx.login}
     * @throws WeChatCodeRefused  the code is not one WeChat takes (unknown or expired, used already, a blocked login)
     * @throws WeChatUnavailable WeChat could not be asked or did not answer usefully; asking again later may help
     */
    @Override
    public String openid(String code) {
        if (code == null || code.isBlank() || code.length() > LONGEST_CODE) {
            throw new WeChatCodeRefused("code must be the mini-program's wx.login code (1 to " + LONGEST_CODE
                    + " characters)");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", settings.appId());
        query.put("secret", settings.appSecret());
        query.put("js_code", code.strip());
        query.put("grant_type", "authorization_code");
        WeChatApi.Answer answer = api.get("/sns/jscode2session", query);
        return switch (answer.errcode()) {
            case 0 -> {
                String openid = answer.body().path("openid").asText("");
                if (openid.isBlank()) {
                    throw new WeChatUnavailable("WeChat's code2Session answer has no openid");
                }
                yield openid;
            }
            case 40029 -> throw new WeChatCodeRefused("WeChat does not know this code or it expired (40029); ask "
                    + "wx.login for a new one");
            case 40163 -> throw new WeChatCodeRefused("this code was used already (40163); ask wx.login for a new one");
            case 40226 -> throw new WeChatCodeRefused("WeChat blocked this login as risky (40226)");
            default -> throw new WeChatUnavailable("WeChat could not exchange the code (errcode " + answer.errcode()
                    + ": " + answer.errmsg() + ")");
        };
    }
}
