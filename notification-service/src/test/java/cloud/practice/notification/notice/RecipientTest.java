package cloud.practice.notification.notice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How notices store their recipient ({@code acc:}, {@code vol:}, {@code unit:}) and which ids they refuse. */
class RecipientTest {

    @Test
    void shouldWriteAndReadBackEachKindOfRecipient() {
        assertThat(Recipient.account("acc-9f2").key()).isEqualTo("acc:acc-9f2");
        assertThat(Recipient.volunteer("vol-1").key()).isEqualTo("vol:vol-1");
        assertThat(Recipient.unit("s-pl").key()).isEqualTo("unit:s-pl");

        for (Recipient recipient : new Recipient[] {Recipient.account("acc-9f2"), Recipient.volunteer("vol-1"),
                Recipient.unit("s-pl")}) {
            assertThat(Recipient.parse(recipient.key())).isEqualTo(recipient);
            assertThat(recipient).hasToString(recipient.key());
        }
    }

    @Test
    void shouldReadBackIdsThatHoldTheSeparator() {
        // An issuer's account id may hold a colon (a federated subject): only the first one separates.
        Recipient federated = Recipient.account("wx:o6_bmjrPTlm6_2sgVt7hMZOPfL2M");

        assertThat(federated.key()).isEqualTo("acc:wx:o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        assertThat(Recipient.parse(federated.key())).isEqualTo(federated);
        assertThat(Recipient.parse("acc:user@example.org.cn").id()).isEqualTo("user@example.org.cn");
    }

    @Test
    void shouldTellAVolunteerFromAnAccountOfTheSameId() {
        assertThat(Recipient.volunteer("x-1")).isNotEqualTo(Recipient.account("x-1"));
        assertThat(Recipient.volunteer("x-1").key()).isNotEqualTo(Recipient.account("x-1").key());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" acc-1", "acc 1", "-acc", ".acc", "acc|1", "acc/1", "账户1", "acc-1\n"})
    void shouldRefuseIdsThatAreNotIds(String id) {
        assertThatThrownBy(() -> Recipient.account(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a recipient id");
        assertThatThrownBy(() -> Recipient.unit(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeIdsUpTo128CharactersOnly() {
        String longest = "a".repeat(128);

        assertThat(Recipient.volunteer(longest).id()).isEqualTo(longest);
        assertThatThrownBy(() -> Recipient.volunteer(longest + "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAKeyOfNoKnownTypeOrABadId() {
        assertThatThrownBy(() -> Recipient.parse("team:t-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("acc:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("vol: v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recipient(null, "acc-1")).isInstanceOf(NullPointerException.class);
    }
}
