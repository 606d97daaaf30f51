package cloud.practice.volunteer.matching.config;

import cloud.practice.volunteer.matching.index.MatchingIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

@Configuration
@EnableConfigurationProperties(MatchingSettings.class)
public class MatchingConfiguration {

    /** Weekly slots are in the district's local time, so windows are read in its zone. */
    @Bean
    public MatchingIndex matchingIndex(MatchingSettings settings,
                                       @Value("${practice.district.zone:Asia/Shanghai}") String zone) {
        return new MatchingIndex(settings.scoreWeights(), ZoneId.of(zone));
    }
}
