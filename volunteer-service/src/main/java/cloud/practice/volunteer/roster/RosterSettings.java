package cloud.practice.volunteer.roster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Roster imports ({@code practice.volunteer.roster.*}, ADR 0025).
 *
 * @param parallelism rows registered at once by a worker (each a command of its own)
 * @param pollEvery   how often an idle worker looks for an import to take
 * @param lease       how long a worker holds an import without renewing (it renews after every batch)
 */
@ConfigurationProperties("practice.volunteer.roster")
public record RosterSettings(@DefaultValue("8") int parallelism, @DefaultValue("1s") Duration pollEvery,
                             @DefaultValue("60s") Duration lease) {

    public RosterSettings {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("practice.volunteer.roster.parallelism is 1 to 64");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RosterSettings.class)
    static class Registration {
    }
}
