package cloud.practice.notification.channel.wechat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static cloud.practice.notification.channel.wechat.WeChatMother.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wx.login code exchange (code2Session) against {@link WeChatFake}. */
class WeChatIdentityTest {

    final WeChatFake wechat = WeChatFake.start();
    final WeChatIdentity identity = new WeChatIdentity(settings(wechat.baseUrl(), Duration.ofMillis(500)));

    @AfterEach
    void stopTheFake() {
        wechat.close();
    }

    @Test
    void shouldExchangeAGoodCodeForTheOpenid() {
        String openid = wechat.openidFor("0a3Xy81w3pLk2Q0Pnf2w3Vv5Bd4Xy81R");

        assertThat(identity.openid("0a3Xy81w3pLk2Q0Pnf2w3Vv5Bd4Xy81R")).isEqualTo(openid);
        assertThat(wechat.lastCode2SessionQuery()).containsAllEntriesOf(Map.of("appid", WeChatFake.APP_ID,
                "secret", WeChatFake.APP_SECRET, "js_code", "0a3Xy81w3pLk2Q0Pnf2w3Vv5Bd4Xy81R",
                "grant_type", "authorization_code"));
    }

    @Test
    void shouldRefuseAnUnknownOrUsedCode() {
        wechat.openidFor("code-once");
        identity.openid("code-once");

        assertThatThrownBy(() -> identity.openid("code-once")).isInstanceOf(WeChatCodeRefused.class)
                .hasMessageContaining("40163");
        assertThatThrownBy(() -> identity.openid("never-issued")).isInstanceOf(WeChatCodeRefused.class)
                .hasMessageContaining("40029");
        wechat.failNext(WeChatFake.Endpoint.CODE2SESSION, 40226);
        wechat.openidFor("risky");
        assertThatThrownBy(() -> identity.openid("risky")).isInstanceOf(WeChatCodeRefused.class)
                .hasMessageContaining("40226");
    }

    @Test
    void shouldRefuseWhatCannotBeACodeWithoutAskingWeChat() {
        assertThatThrownBy(() -> identity.openid(null)).isInstanceOf(WeChatCodeRefused.class);
        assertThatThrownBy(() -> identity.openid(" ")).isInstanceOf(WeChatCodeRefused.class);
        assertThatThrownBy(() -> identity.openid("x".repeat(129))).isInstanceOf(WeChatCodeRefused.class);
        assertThat(wechat.code2SessionCalls()).isZero();
    }

    @Test
    void shouldSendAnOddCodeEncodedRatherThanAsPartOfTheQuery() {
        assertThatThrownBy(() -> identity.openid("abc&secret=guess")).isInstanceOf(WeChatCodeRefused.class);
        assertThat(wechat.lastCode2SessionQuery()).containsEntry("js_code", "abc&secret=guess")
                .containsEntry("secret", WeChatFake.APP_SECRET);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 45011, 40125})
    void shouldBeUnavailableWhenWeChatCannotExchangeTheCode(int errcode) {
        wechat.openidFor("code-1");
        wechat.failNext(WeChatFake.Endpoint.CODE2SESSION, errcode);

        assertThatThrownBy(() -> identity.openid("code-1")).isInstanceOf(WeChatUnavailable.class)
                .hasMessageContaining(String.valueOf(errcode));
        assertThat(identity.openid("code-1")).as("the code was not spent").isNotBlank();
    }

    @Test
    void shouldBeUnavailableOnHttpErrorsTimeoutsAndRefusedConnections() {
        wechat.openidFor("code-1");
        wechat.failNextWithStatus(WeChatFake.Endpoint.CODE2SESSION, 502);
        assertThatThrownBy(() -> identity.openid("code-1")).isInstanceOf(WeChatUnavailable.class)
                .hasMessageContaining("HTTP 502");

        wechat.hangNext(WeChatFake.Endpoint.CODE2SESSION);
        assertThatThrownBy(() -> identity.openid("code-1")).isInstanceOf(WeChatUnavailable.class)
                .hasMessageContaining("did not answer in time");

        wechat.close();
        assertThatThrownBy(() -> identity.openid("code-1")).isInstanceOf(WeChatUnavailable.class)
                .hasMessageContaining("unreachable").hasMessageNotContaining(WeChatFake.APP_SECRET);
    }

    @Test
    void shouldNotNameTheSecretWhenWeChatRefusesIt() {
        WeChatIdentity wrongSecret = new WeChatIdentity(new WeChatSettings(true, wechat.baseUrl(), WeChatFake.APP_ID,
                "not-the-secret", "formal", "", null, null, null, null, null, null));
        wechat.openidFor("code-1");

        assertThatThrownBy(() -> wrongSecret.openid("code-1")).isInstanceOf(WeChatUnavailable.class)
                .hasMessageContaining("40125").hasMessageNotContaining("not-the-secret");
    }
}
