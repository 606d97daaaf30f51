package cloud.practice.hierarchy.config;

import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

@Configuration
public class HierarchyConfiguration {

    /** A district's tree is loaded once and kept while in use; a conflicting change elsewhere evicts it. */
    @Bean
    public Cache orgTreeCache() {
        return new WeakReferenceCache();
    }

    /** "Today" and "now" are the district's: effective dates default to the date in its zone. */
    @Bean
    public Clock districtClock(@org.springframework.beans.factory.annotation.Value(
            "${practice.district.zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    /** Reading the tree and pairings needs hierarchy:read; changing them hierarchy:admin. */
    @Bean
    public ScopeRules hierarchyScopes() {
        return ScopeRules.of()
                .read("/api/v1/**", Scopes.HIERARCHY_READ)
                .write("/api/v1/**", Scopes.HIERARCHY_ADMIN);
    }
}
