package cloud.practice.volunteer.certificate.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of service certificates ({@code practice.volunteer.certificates.*}).
 *
 * @param verifyUrl the public verification page printed on certificates and in their QR code; {@code {code}} is
 *                  replaced by the verification code. The default is the people's web end behind the local gateway
 *                  (env {@code PRACTICE_VOLUNTEER_CERTIFICATES_VERIFYURL}).
 */
@ConfigurationProperties("practice.volunteer.certificates")
public record CertificateSettings(@DefaultValue("http://localhost:8080/app/#/verify/{code}") String verifyUrl) {

    public String verifyUrl(String code) {
        return verifyUrl.replace("{code}", code);
    }
}
