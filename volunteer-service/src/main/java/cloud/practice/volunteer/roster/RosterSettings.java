package cloud.practice.volunteer.roster;

import cloud.practice.support.web.LargerBody;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Roster imports ({@code practice.volunteer.roster.*}, ADR 0025).
 *
 * @param parallelism rows registered at once by a worker (each a command of its own)
 * @param pollEvery   how often an idle worker looks for an import to take
 * @param lease       how long a worker holds an import without renewing (it renews after every batch)
 */
@ConfigurationProperties("practice.volunteer.roster")
public record RosterSettings(@DefaultValue("16") int parallelism, @DefaultValue("1s") Duration pollEvery,
                             @DefaultValue("60s") Duration lease) {

    /** The largest roster file. */
    public static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    public RosterSettings {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("practice.volunteer.roster.parallelism is 1 to 64");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RosterSettings.class)
    static class Registration {

        /** A district's roster in one file: 150,000 rows are about 20 MB of CSV (the gateway's route, same limit). */
        @Bean
        LargerBody rosterFiles() {
            return new LargerBody(Pattern.compile("/api/v1/volunteers/imports/?"), MAX_FILE_BYTES);
        }
    }
}
