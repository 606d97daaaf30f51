package cloud.practice.gateway.web;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * The actuator lives on the management port (never published; Prometheus scrapes it there), so that metrics — whose
 * labels name clients — are not on the public port. Health stays here, at the same paths, status only: probes, the
 * image's HEALTHCHECK and compose ask the public port, and a 200 from it proves the port that serves traffic works.
 * When the management port equals the public port the actuator's own mapping answers these paths first.
 */
@Configuration(proxyBeanMethods = false)
public class PublicHealth {

    @Bean
    RouterFunction<ServerResponse> healthOnThePublicPort(ReactiveHealthEndpointWebExtension health) {
        return RouterFunctions.route()
                .GET("/actuator/health", request -> answer(health.health(ApiVersion.LATEST, WebServerNamespace.SERVER,
                        SecurityContext.NONE)))
                .GET("/actuator/health/{group}", request -> answer(health.health(ApiVersion.LATEST,
                        WebServerNamespace.SERVER, SecurityContext.NONE, request.pathVariable("group"))))
                .build();
    }

    private static Mono<ServerResponse> answer(
            Mono<? extends org.springframework.boot.actuate.endpoint.web.WebEndpointResponse<?
                    extends org.springframework.boot.actuate.health.HealthComponent>> health) {
        return health.flatMap(response -> response.getBody() == null
                ? ServerResponse.notFound().build()
                : ServerResponse.status(response.getStatus()).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("status", response.getBody().getStatus().getCode())));
    }
}
