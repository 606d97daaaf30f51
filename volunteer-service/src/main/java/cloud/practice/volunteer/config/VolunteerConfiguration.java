package cloud.practice.volunteer.config;

import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.volunteer.access.CallerResolver;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

@Configuration
@EnableConfigurationProperties(VolunteerSettings.class)
public class VolunteerConfiguration implements WebMvcConfigurer {

    /** Events after which an hour ledger is snapshotted: loading a long-serving volunteer stays cheap. */
    static final int LEDGER_SNAPSHOT_EVERY = 50;

    private final VolunteerSettings settings;

    public VolunteerConfiguration(VolunteerSettings settings) {
        this.settings = settings;
    }

    /** Instants are zone-free; the zone is the district's, for ages, "today" and hours bucketed by period. */
    /** volunteer-service's copy of the tree: home units, units of teams, and admins' subtrees. */
    @Bean
    public OrgUnitDirectory orgUnitDirectory(MongoTemplate mongo) {
        return new OrgUnitDirectory(mongo);
    }

    @Bean
    public Clock districtClock(@Value("${practice.district.zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    @Bean
    public SnapshotTriggerDefinition hourLedgerSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, LEDGER_SNAPSHOT_EVERY);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver(settings.trustAnonymous()));
    }
}
