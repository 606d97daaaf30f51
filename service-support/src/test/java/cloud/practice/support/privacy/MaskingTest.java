package cloud.practice.support.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void shouldKeepOnlyTheEndsOfAPhoneNumber() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138*****678");
        assertThat(Masking.phone("023-6878 1234")).isEqualTo("023*****234");
        assertThat(Masking.phone("12345")).isEqualTo("*****");
        assertThat(Masking.phone(" ")).isNull();
    }

    @Test
    void shouldKeepTheFamilyNameAndLastCharacterOfAChineseName() {
        assertThat(Masking.name("张小明")).isEqualTo("张*明");
        assertThat(Masking.name("欧阳小明")).isEqualTo("欧**明");
        assertThat(Masking.name("李四")).isEqualTo("李*");
        assertThat(Masking.name("王")).isEqualTo("王");
    }

    @Test
    void shouldKeepOnlyTheEndsOfAnIdNumber() {
        assertThat(Masking.idNumber("500107199001011234")).isEqualTo("5001**********1234");
        assertThat(Masking.idNumber("1234567")).isEqualTo("*******");
    }
}
