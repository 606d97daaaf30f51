package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.preferences.MiniProgramIdentity;

/**
 * WeChat refused a {@code wx.login} code: unknown or expired (40029), used already (40163), or a login WeChat blocked
 * (40226). The caller's fault, not the provider's: the API answers it as 400 {@code invalid-field} on {@code code},
 * and the mini-program asks {@code wx.login} for a fresh code.
 */
public class WeChatCodeRefused extends MiniProgramIdentity.CodeRefused {

    /** The request field the refusal is about. */
    public static final String FIELD = "code";

    public WeChatCodeRefused(String message) {
        super(message);
    }
}
