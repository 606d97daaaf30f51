package cloud.practice.deployment.consistency;

import cloud.practice.deployment.platform.ServiceModule;

import java.util.ArrayList;
import java.util.List;

/** What the probes, scrapes and stop signals of a deployment rely on in the service's configuration. */
final class RuntimeContract {

    private RuntimeContract() {
    }

    static List<String> check(ServiceModule service) {
        List<String> problems = new ArrayList<>();
        if (!"true".equals(service.property("management.endpoint.health.probes.enabled"))) {
            problems.add("management.endpoint.health.probes.enabled is not true: " + Expectations.LIVENESS + " and "
                    + Expectations.READINESS + " would answer 404");
        }
        String exposed = String.valueOf(service.property("management.endpoints.web.exposure.include"));
        for (String endpoint : List.of("health", "prometheus")) {
            if (!List.of(exposed.split("\\s*,\\s*")).contains(endpoint)) {
                problems.add("actuator endpoint '" + endpoint + "' is not exposed over HTTP");
            }
        }
        if (!"graceful".equals(service.property("server.shutdown"))) {
            problems.add("server.shutdown is not graceful: SIGTERM would drop requests in flight");
        }
        return problems;
    }
}
