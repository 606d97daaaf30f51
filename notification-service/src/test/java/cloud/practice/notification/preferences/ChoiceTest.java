package cloud.practice.notification.preferences;

import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.notice.NoticeKind;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's choice as the delivery worker asks it at sending time: quiet hours, and the kinds per channel. */
class ChoiceTest {

    @Test
    void shouldBeQuietFromTheStartUpToButNotIncludingTheEndWithinADay() {
        Preferences.Choice lunch = quiet("12:00", "14:00");

        assertThat(lunch.hasQuietHours()).isTrue();
        assertThat(lunch.isQuietAt(LocalTime.parse("11:59:59"))).isFalse();
        assertThat(lunch.isQuietAt(LocalTime.parse("12:00"))).isTrue();
        assertThat(lunch.isQuietAt(LocalTime.parse("13:30"))).isTrue();
        assertThat(lunch.isQuietAt(LocalTime.parse("13:59:59"))).isTrue();
        assertThat(lunch.isQuietAt(LocalTime.parse("14:00"))).isFalse();
        assertThat(lunch.isQuietAt(LocalTime.parse("23:00"))).isFalse();
        assertThat(lunch.isQuietAt(LocalTime.MIDNIGHT)).isFalse();
    }

    @Test
    void shouldBeQuietOverMidnightWhenTheEndIsTheNextMorning() {
        Preferences.Choice night = quiet("22:00", "07:00");

        assertThat(night.hasQuietHours()).isTrue();
        assertThat(night.isQuietAt(LocalTime.parse("21:59:59"))).isFalse();
        assertThat(night.isQuietAt(LocalTime.parse("22:00"))).isTrue();
        assertThat(night.isQuietAt(LocalTime.parse("23:59:59"))).isTrue();
        assertThat(night.isQuietAt(LocalTime.MIDNIGHT)).isTrue();
        assertThat(night.isQuietAt(LocalTime.parse("06:59:59"))).isTrue();
        assertThat(night.isQuietAt(LocalTime.parse("07:00"))).isFalse();
        assertThat(night.isQuietAt(LocalTime.NOON)).isFalse();
    }

    @Test
    void shouldHaveNoQuietHoursWhenTheyStartAndEndAlikeOrAnEndIsMissing() {
        for (Preferences.Choice none : new Preferences.Choice[] {quiet("08:00", "08:00"), quiet(null, "07:00"),
                quiet("22:00", null), quiet(null, null)}) {
            assertThat(none.hasQuietHours()).as("%s–%s", none.quietFrom(), none.quietUntil()).isFalse();
            for (String time : new String[] {"00:00", "07:59", "08:00", "08:01", "12:00", "22:30"}) {
                assertThat(none.isQuietAt(LocalTime.parse(time))).as("%s at %s", none.quietFrom(), time).isFalse();
            }
        }
    }

    @Test
    void shouldByDefaultSendBySmsWhatAsksToActOrAnswersTheirOrderAndEverythingByWeChat() {
        Preferences.Choice defaults = Preferences.defaults();

        assertThat(defaults.hasQuietHours()).isFalse();
        assertThat(defaults.wechatOpenId()).isNull();
        assertThat(defaults.channels().get(Channel.SMS)).containsExactlyInAnyOrder(NoticeKind.ORDER_OFFERED,
                NoticeKind.CHECK_IN_REMINDER, NoticeKind.ORDER_ACCEPTED, NoticeKind.ORDER_REJECTED,
                NoticeKind.SLA_WARNING, NoticeKind.ESCALATED_TO_UNIT);
        assertThat(defaults.wants(Channel.SMS, NoticeKind.ORDER_OFFERED)).isTrue();
        assertThat(defaults.wants(Channel.SMS, NoticeKind.ORDER_COMPLETED)).isFalse();
        assertThat(defaults.wants(Channel.SMS, NoticeKind.PAIRING_DORMANT)).isFalse();
        for (NoticeKind kind : NoticeKind.values()) {
            assertThat(defaults.wants(Channel.WECHAT, kind)).as(kind.id()).isTrue();
        }
    }

    @Test
    void shouldGiveEachCallerDefaultsOfTheirOwn() {
        // A caller that changes the defaults it got changes nobody else's.
        Preferences.defaults().channels().get(Channel.SMS).clear();

        assertThat(Preferences.defaults().wants(Channel.SMS, NoticeKind.ORDER_OFFERED)).isTrue();
        assertThat(Preferences.DEFAULT_SMS).contains(NoticeKind.ORDER_OFFERED);
    }

    @Test
    void shouldWantOnlyWhatWasChosenOnThatChannel() {
        Preferences.Choice choice = new Preferences.Choice(Map.of(Channel.SMS, Set.of(NoticeKind.ORDER_COMPLETED)),
                null, null, null);

        assertThat(choice.wants(Channel.SMS, NoticeKind.ORDER_COMPLETED)).isTrue();
        assertThat(choice.wants(Channel.SMS, NoticeKind.ORDER_OFFERED)).isFalse();
        assertThat(choice.wants(Channel.WECHAT, NoticeKind.ORDER_COMPLETED)).as("a channel not chosen at all")
                .isFalse();
    }

    private static Preferences.Choice quiet(String from, String until) {
        return new Preferences.Choice(Map.of(Channel.SMS, EnumSet.allOf(NoticeKind.class)),
                from == null ? null : LocalTime.parse(from), until == null ? null : LocalTime.parse(until), null);
    }
}
