package cloud.practice.deployment.consistency;

import cloud.practice.deployment.platform.PlatformSources;
import cloud.practice.events.Context;

import java.util.Set;
import java.util.TreeSet;

/**
 * What every deployment must agree with, each fact read from where the code keeps it: the infrastructure images the
 * integration tests use (test-support), the topics (shared-events), the partition count (service-support), the
 * actuator probe paths (Spring Boot's), and the one service reachable from outside (the gateway, ARCHITECTURE.md).
 */
public record Expectations(String kafkaImage, String mongoImage, Set<String> topics, int partitions,
                           String publishedService) {

    public static final String LIVENESS = "/actuator/health/liveness";
    public static final String READINESS = "/actuator/health/readiness";
    public static final String PROMETHEUS = "/actuator/prometheus";
    static final String TEST_INFRASTRUCTURE = "test-support/src/main/java/cloud/practice/testing/TestInfrastructure.java";

    public static Expectations from(PlatformSources sources) {
        Set<String> topics = new TreeSet<>();
        for (Context context : Context.values()) {
            topics.add(context.topic());
            topics.add(context.deadLetterTopic());
        }
        return new Expectations(sources.stringConstant(TEST_INFRASTRUCTURE, "KAFKA_IMAGE"),
                sources.stringConstant(TEST_INFRASTRUCTURE, "MONGO_IMAGE"), topics,
                Integer.parseInt(sources.settingDefault("kafka/MessagingSettings.java", "partitions")),
                "gateway-service");
    }
}
