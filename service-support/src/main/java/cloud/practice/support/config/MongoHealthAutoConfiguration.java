package cloud.practice.support.config;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.data.mongo.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * MongoDB health by {@code ping}, which every MongoDB-wire server answers; Boot's indicator sends {@code hello},
 * which mongo-java-server does not know, and would report the local platform DOWN.
 */
@AutoConfiguration(before = MongoHealthContributorAutoConfiguration.class)
public class MongoHealthAutoConfiguration {

    @Bean(name = "mongoHealthContributor")
    public HealthIndicator mongoHealthContributor(MongoDatabaseFactory databaseFactory) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                var database = databaseFactory.getMongoDatabase();
                Document answer = database.runCommand(new Document("ping", 1));
                builder.up().withDetail("database", database.getName()).withDetail("ping", answer.get("ok"));
            }
        };
    }
}
