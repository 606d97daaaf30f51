package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.preferences.MiniProgramIdentity;

/**
 * WeChat could not be asked or did not answer usefully: unreachable, a timeout, an HTTP error, the platform busy, the
 * app's own credentials refused. Trying again later may help. Messages never carry the app secret, an access token,
 * a session key or an openid.
 */
public class WeChatUnavailable extends MiniProgramIdentity.Unavailable {

    public WeChatUnavailable(String message) {
        super(message);
    }

    public WeChatUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
