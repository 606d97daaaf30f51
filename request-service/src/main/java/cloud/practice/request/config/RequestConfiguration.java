package cloud.practice.request.config;

import cloud.practice.request.directory.PairingDirectory;
import cloud.practice.request.directory.SubCenterPlatforms;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneId;

@Configuration
@EnableScheduling
public class RequestConfiguration {

    /** request-service's copy of the tree: the responsible station of a request, the unit above when a clock runs out. */
    @Bean
    public OrgUnitDirectory orgUnitDirectory(MongoTemplate mongo) {
        return new OrgUnitDirectory(mongo);
    }

    /** Volunteers and teams of each district, from the volunteer topic: ids a dispatch, accept or claim names. */
    @Bean
    public VolunteerDirectory volunteerDirectory(MongoTemplate mongo) {
        return new VolunteerDirectory(mongo);
    }

    /** Pairings of each district, from the hierarchy topic: the pairing an activity names. */
    @Bean
    public PairingDirectory pairingDirectory(MongoTemplate mongo) {
        return new PairingDirectory(mongo);
    }

    /** The platforms each sub-center runs, from the hierarchy topic: what a sub-center admin handles district-wide. */
    @Bean
    public SubCenterPlatforms subCenterPlatforms(MongoTemplate mongo) {
        return new SubCenterPlatforms(mongo);
    }

    /** Instants are zone-free; the zone is the district's, for anything bucketed by day. */
    @Bean
    public Clock districtClock(@Value("${practice.district.zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    /** Menu, requests, activities and the Open311 surface: requests:read to read, requests:write to change. */
    @Bean
    public ScopeRules requestScopes() {
        return ScopeRules.of()
                .read("/api/v1/**", Scopes.REQUESTS_READ)
                .write("/api/v1/**", Scopes.REQUESTS_WRITE)
                .read("/open311/**", Scopes.REQUESTS_READ)
                .write("/open311/**", Scopes.REQUESTS_WRITE);
    }
}
