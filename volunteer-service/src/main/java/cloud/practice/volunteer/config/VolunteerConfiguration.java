package cloud.practice.volunteer.config;

import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;

import java.time.Clock;
import java.time.ZoneId;

@Configuration
@EnableConfigurationProperties(VolunteerSettings.class)
public class VolunteerConfiguration {

    /** Events after which an hour ledger is snapshotted: loading a long-serving volunteer stays cheap. */
    static final int LEDGER_SNAPSHOT_EVERY = 50;

    /**
     * Reading needs volunteers:read, changing volunteers:write; a matching preview is a read even when POSTed. One's
     * own registration ({@code GET /volunteers/me}) needs the scope that applying needs: residents hold
     * volunteers:write to apply, not volunteers:read. A certificate's verification answers anyone with its code.
     */
    @Bean
    public ScopeRules volunteerScopes() {
        return ScopeRules.of()
                .on(HttpMethod.POST, "/api/v1/matching/**", Scopes.VOLUNTEERS_READ)
                .on(HttpMethod.GET, "/api/v1/volunteers/me", Scopes.VOLUNTEERS_WRITE)
                .on(HttpMethod.HEAD, "/api/v1/volunteers/me", Scopes.VOLUNTEERS_WRITE)
                // A certificate's public verification page (issue 27): whoever holds the code, no token.
                .anonymous(HttpMethod.GET, "/api/v1/certificates/verify/*")
                .read("/api/v1/**", Scopes.VOLUNTEERS_READ)
                .write("/api/v1/**", Scopes.VOLUNTEERS_WRITE);
    }

    /** volunteer-service's copy of the tree: home units, units of teams, and admins' subtrees. */
    @Bean
    public OrgUnitDirectory orgUnitDirectory(MongoTemplate mongo) {
        return new OrgUnitDirectory(mongo);
    }

    /** Instants are zone-free; the zone is the district's, for ages, "today" and hours bucketed by period. */
    @Bean
    public Clock districtClock(@Value("${practice.district.zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    @Bean
    public SnapshotTriggerDefinition hourLedgerSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, LEDGER_SNAPSHOT_EVERY);
    }

}
