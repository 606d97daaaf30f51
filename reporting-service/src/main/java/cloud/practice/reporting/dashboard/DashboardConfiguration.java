package cloud.practice.reporting.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

/**
 * Serves the dashboard (static files under {@code static/dashboard}) at {@code /dashboard/}, and Apache ECharts from
 * its WebJar at {@code /dashboard/lib/echarts/} — everything from this service, so the page works offline and a
 * Content-Security-Policy of 'self' holds it to that.
 */
@Configuration
public class DashboardConfiguration implements WebMvcConfigurer {

    /** Where the WebJar keeps the built library; its version from the WebJar's own Maven metadata. */
    static final String ECHARTS = "classpath:/META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/";
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", "/dashboard/");
        registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/dashboard/lib/echarts/**").addResourceLocations(ECHARTS)
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(7)));
        // The page itself: revalidated on every load, so a new release shows at once.
        registry.addResourceHandler("/dashboard/**").addResourceLocations("classpath:/static/dashboard/")
                .setCacheControl(CacheControl.noCache());
    }

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> dashboardContentPolicy() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", POLICY);
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/dashboard", "/dashboard/*");
        return registration;
    }

    private static String echartsVersion() {
        try (InputStream in = DashboardConfiguration.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the echarts WebJar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
