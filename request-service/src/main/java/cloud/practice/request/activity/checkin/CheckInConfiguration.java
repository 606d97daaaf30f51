package cloud.practice.request.activity.checkin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** QR self check-in for activities: the signing key and the codes. */
@Configuration
@EnableConfigurationProperties(CheckInSettings.class)
public class CheckInConfiguration {

    @Bean
    public CheckInSecret checkInSecret(CheckInSettings settings, MongoTemplate mongo) {
        return new CheckInSecret(settings, mongo);
    }

    @Bean
    public CheckInCodes checkInCodes(CheckInSecret secret, CheckInSettings settings, Clock clock) {
        return new CheckInCodes(secret, settings, clock);
    }
}
