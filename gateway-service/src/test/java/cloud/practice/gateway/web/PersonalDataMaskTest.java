package cloud.practice.gateway.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/volunteers/by-phone/13812345678          | /api/v1/volunteers/by-phone/138****5678
            /api/v1/residents/+8613912345678/requests         | /api/v1/residents/139****5678/requests
            /api/v1/residents/11010519491231002X               | /api/v1/residents/1101**********002X
            /api/v1/residents/110105194912310021/profile       | /api/v1/residents/1101**********0021/profile
            /api/v1/residents/110105491231002                  | /api/v1/residents/1101*******1002
            /api/v1/org-units/JLP-JL-PL                        | /api/v1/org-units/JLP-JL-PL
            /api/v1/requests/2026112800001234567               | /api/v1/requests/2026112800001234567
            /api/v1/reports/district?period=2026-11            | /api/v1/reports/district?period=2026-11
            /api/v1/requests/12345678901                       | /api/v1/requests/12345678901
            """)
    void shouldMaskPhoneAndIdNumbersOnly(String path, String logged) {
        assertThat(PersonalDataMask.mask(path)).isEqualTo(logged);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.7                  | 203.0.113.x
            127.0.0.1                    | 127.0.0.x
            2001:db8:85a3:8d3:1319:8a2e:370:7348 | 2001:db8:85a3:8d3:x
            """)
    void shouldHideTheHostPartOfAnAddress(String address, String logged) {
        assertThat(PersonalDataMask.address(address)).isEqualTo(logged);
    }
}
