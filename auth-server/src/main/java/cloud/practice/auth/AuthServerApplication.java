package cloud.practice.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The platform's own OAuth2 / OIDC issuer for the local default and small deployments (ADR 0011). */
@SpringBootApplication
@EnableConfigurationProperties(AuthSettings.class)
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
