package cloud.practice.reporting;

import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every report needs reports:read; what a caller sees inside a district is ReportAccess's decision. The dashboard's
 * static files are open: the page logs its user in and every figure it shows comes from the reports with a token.
 */
@Configuration
public class ReportingScopes {

    @Bean
    public ScopeRules reportingScopeRules() {
        return ScopeRules.of().openRead("/dashboard").openRead("/dashboard/**")
                .read("/api/v1/**", Scopes.REPORTS_READ);
    }
}
