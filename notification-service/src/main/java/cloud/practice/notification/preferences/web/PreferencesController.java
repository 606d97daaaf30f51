package cloud.practice.notification.preferences.web;

import cloud.practice.notification.access.NoticeAccess;
import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.notice.NoticeKind;
import cloud.practice.notification.preferences.MiniProgramIdentity;
import cloud.practice.notification.preferences.Preferences;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person's own choices: which kinds of notice also come by SMS and by WeChat (the inbox has them all), and quiet
 * hours in the district's time, during which only urgent notices (an SLA warning, an escalation to one's unit) are
 * sent; the rest wait until the quiet hours end.
 */
@RestController
@Validated
@RequestMapping("/api/v1/notices/preferences")
@Tag(name = "notices")
public class PreferencesController {

    static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    private final NoticeAccess access;
    private final Preferences preferences;
    private final ObjectProvider<MiniProgramIdentity> identity;

    public PreferencesController(NoticeAccess access, Preferences preferences,
                                 ObjectProvider<MiniProgramIdentity> identity) {
        this.access = access;
        this.preferences = preferences;
        this.identity = identity;
    }

    /** The code the person's mini-program got from {@code wx.login}. */
    public record WeChatBinding(@NotNull @Size(min = 1, max = 128) String code) {
    }

    /** Quiet hours, {@code HH:mm} in the district's zone; {@code until} may be the next morning. */
    public record QuietHours(@NotNull @Pattern(regexp = TIME) String from,
                             @NotNull @Pattern(regexp = TIME) String until) {
    }

    /**
     * @param sms        the kinds of notice sent by SMS too
     * @param wechat     the kinds sent as WeChat subscription messages too (once the person bound WeChat)
     * @param quietHours null for none
     * @param wechatBound whether a WeChat identity is bound (read only)
     * @param kinds      every kind there is, and which are urgent (read only)
     */
    public record PreferencesView(List<String> sms, List<String> wechat, QuietHours quietHours, boolean wechatBound,
                                  List<KindView> kinds) {
    }

    public record KindView(String kind, boolean urgent) {
    }

    public record PreferencesChange(@NotNull @Size(max = 20) List<@NotNull String> sms,
                                    @NotNull @Size(max = 20) List<@NotNull String> wechat,
                                    @Valid QuietHours quietHours) {
    }

    @GetMapping
    @Operation(summary = "The caller's notification preferences (the defaults until they choose)")
    public PreferencesView get(@Parameter(hidden = true) Caller caller, District district) {
        return view(preferences.of(district.id(), access.accountOf(caller, district.id())));
    }

    @PutMapping
    @Operation(summary = "Sets the caller's channels per kind and quiet hours (all of them: what is left out is off)")
    public PreferencesView choose(@Parameter(hidden = true) Caller caller, District district,
                                  @Valid @RequestBody PreferencesChange change) {
        String account = access.accountOf(caller, district.id());
        Map<Channel, Set<NoticeKind>> channels = new EnumMap<>(Channel.class);
        channels.put(Channel.SMS, kinds("sms", change.sms()));
        channels.put(Channel.WECHAT, kinds("wechat", change.wechat()));
        LocalTime from = change.quietHours() == null ? null : LocalTime.parse(change.quietHours().from());
        LocalTime until = change.quietHours() == null ? null : LocalTime.parse(change.quietHours().until());
        if (from != null && from.equals(until)) {
            throw ApiException.badRequest("quietHours.until", "quietHours.until must differ from quietHours.from");
        }
        preferences.choose(district.id(), account, channels, from, until);
        return view(preferences.of(district.id(), account));
    }

    @PutMapping("/wechat")
    @Operation(summary = "Binds the caller's WeChat mini-program identity (the code of wx.login, exchanged with WeChat "
            + "for the openid subscription messages go to); 409 wechat-not-configured when the district has no "
            + "mini-program, 400 on code when WeChat refuses it, 503 wechat-unavailable when WeChat cannot be asked")
    public PreferencesView bindWeChat(@Parameter(hidden = true) Caller caller, District district,
                                      @Valid @RequestBody WeChatBinding binding) {
        String account = access.accountOf(caller, district.id());
        MiniProgramIdentity wechat = identity.getIfAvailable();
        if (wechat == null) {
            throw ApiException.conflict("wechat-not-configured", "WeChat subscription messages are not configured");
        }
        String openid;
        try {
            openid = wechat.openid(binding.code());
        } catch (MiniProgramIdentity.CodeRefused refused) {
            throw ApiException.badRequest("code", refused.getMessage());
        } catch (MiniProgramIdentity.Unavailable unavailable) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "wechat-unavailable", unavailable.getMessage());
        }
        preferences.bindWeChat(district.id(), account, openid);
        return view(preferences.of(district.id(), account));
    }

    @DeleteMapping("/wechat")
    @Operation(summary = "Forgets the caller's WeChat identity: no more subscription messages")
    public PreferencesView unbindWeChat(@Parameter(hidden = true) Caller caller, District district) {
        String account = access.accountOf(caller, district.id());
        preferences.unbindWeChat(district.id(), account);
        return view(preferences.of(district.id(), account));
    }

    private static Set<NoticeKind> kinds(String field, List<String> ids) {
        Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
        for (int i = 0; i < ids.size(); i++) {
            int at = i;
            kinds.add(NoticeKind.parse(ids.get(i)).orElseThrow(() -> ApiException.badRequest(field + "[" + at + "]",
                    field + "[" + at + "] must be one of " + List.of(NoticeKind.values()).stream()
                            .map(NoticeKind::id).toList())));
        }
        return kinds;
    }

    static PreferencesView view(Preferences.Choice choice) {
        return new PreferencesView(ids(choice.channels().get(Channel.SMS)),
                ids(choice.channels().get(Channel.WECHAT)),
                choice.hasQuietHours() ? new QuietHours(choice.quietFrom().toString(),
                        choice.quietUntil().toString()) : null,
                choice.wechatOpenId() != null,
                List.of(NoticeKind.values()).stream().map(kind -> new KindView(kind.id(), kind.urgent())).toList());
    }

    private static List<String> ids(Set<NoticeKind> kinds) {
        return kinds.stream().sorted().map(NoticeKind::id).toList();
    }
}
