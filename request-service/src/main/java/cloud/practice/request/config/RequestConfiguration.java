package cloud.practice.request.config;

import cloud.practice.request.directory.PairingDirectory;
import cloud.practice.request.directory.SubCenterPlatforms;
import cloud.practice.request.directory.TeamPlatformsBackfill;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

@Configuration
@EnableScheduling
public class RequestConfiguration {

    /** The Open311 reads GeoReport v2 defines as public data. */
    static final List<String> OPEN311_PUBLIC_READS = List.of("/open311/v2/services.*", "/open311/v2/services/*",
            "/open311/v2/requests.*", "/open311/v2/requests/*", "/open311/v2/servicerequestupdates.*");

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

    /** Fills in the platforms of teams the directory knew before it kept them (one pass over the volunteer topic). */
    @Bean
    public TeamPlatformsBackfill teamPlatformsBackfill(VolunteerDirectory volunteerDirectory) {
        return new TeamPlatformsBackfill(volunteerDirectory);
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

    /**
     * Menu, requests, activities and the Open311 surface: requests:read to read, requests:write to change. GeoReport's
     * public reads (services, definitions, requests, updates) pass without a token: the Open311 controller decides per
     * jurisdiction between the public view, the full one and 403 (ADR 0012); subscriptions and every write need a token.
     */
    @Bean
    public ScopeRules requestScopes() {
        ScopeRules rules = ScopeRules.of();
        for (String open311Read : OPEN311_PUBLIC_READS) {
            rules.anonymous(HttpMethod.GET, open311Read).anonymous(HttpMethod.HEAD, open311Read);
        }
        return rules
                .read("/api/v1/**", Scopes.REQUESTS_READ)
                .write("/api/v1/**", Scopes.REQUESTS_WRITE)
                .read("/open311/**", Scopes.REQUESTS_READ)
                .write("/open311/**", Scopes.REQUESTS_WRITE);
    }
}
