package cloud.practice.volunteer.certificate.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(CertificateSettings.class)
public class CertificateConfiguration {

    /** Every public verification is an event: a much-checked certificate still loads from a recent snapshot. */
    static final int SNAPSHOT_EVERY = 100;

    @Bean
    public SnapshotTriggerDefinition certificateSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }
}
