package cloud.practice.reporting.config;

import cloud.practice.reporting.projection.ProjectionRuntime;
import cloud.practice.reporting.report.ReportEngine;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.MessagingSettings;
import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;

@Configuration
@EnableConfigurationProperties(ReportingSettings.class)
public class ReportingConfiguration {

    @Bean
    public Clock reportingClock() {
        return Clock.systemUTC();
    }

    @Bean
    public ReportEngine reportEngine(ReportingSettings settings) {
        return new ReportEngine(settings);
    }

    @Bean(destroyMethod = "close")
    public Admin reportingKafkaAdmin(KafkaProperties kafka) {
        return Admin.create(kafka.buildAdminProperties(null));
    }

    @Bean
    public ProjectionRuntime projectionRuntime(MongoDatabaseFactory mongo,
                                               @Value("${spring.application.name:practice}") String applicationName,
                                               ConsumerFactory<String, byte[]> eventConsumerFactory,
                                               KafkaTemplate<String, byte[]> eventKafkaTemplate, CloudEventCodec codec,
                                               MessagingSettings messaging,
                                               ReportingSettings settings, Admin reportingKafkaAdmin,
                                               MeterRegistry meters, Clock reportingClock) {
        // The same group naming as service-support's containers: instances of one deployment share each group.
        String groupPrefix = messaging.groupPrefix() == null || messaging.groupPrefix().isBlank() ? applicationName
                : messaging.groupPrefix();
        return new ProjectionRuntime(mongo.getMongoDatabase(), groupPrefix, eventConsumerFactory, eventKafkaTemplate,
                codec, messaging, settings, reportingKafkaAdmin, meters, reportingClock);
    }

    /**
     * The one write endpoint: starting a rebuild (reads are covered by {@code ReportingScopes}). The token needs
     * {@code reports:read}; whether the caller may manage projections is ReportAccess's decision.
     */
    @Bean
    public ScopeRules projectionRebuildScope() {
        return ScopeRules.of().on(HttpMethod.POST, "/api/v1/reports/projections/rebuild", Scopes.REPORTS_READ);
    }

    @Bean
    public OpenAPI reportingOpenApi() {
        return new OpenAPI().info(new Info().title("Practice Cloud reporting-service").version("v1")
                .description("District-wide reports rolled up along the tree, now and as it was; JSON and CSV."));
    }
}
