package cloud.practice.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Kafka settings of our own ({@code practice.messaging.*}); connection settings stay under {@code spring.kafka.*}.
 *
 * @param partitions         partitions of each context topic created at start (ignored when it exists)
 * @param replicationFactor  replication of created topics
 * @param relayBatchSize     events per relay batch (one wait for acknowledgements per batch)
 * @param sendTimeout        how long the relay waits for a batch's acknowledgements before retrying it
 * @param consumerRetries    attempts after the first before a record goes to the dead-letter topic
 * @param consumerBackoff    pause between those attempts
 * @param consumerConcurrency consumer threads per handler
 * @param groupPrefix        prefix of every consumer group ({@code <prefix>.<handler>}); defaults to the
 *                           application name, so all instances of one service share each group. Two deployments
 *                           with separate databases (tests) need separate prefixes.
 * @param factPatience       how long a record may wait for a fact another consumer thread carries ({@link FactWaits})
 */
@ConfigurationProperties("practice.messaging")
public record MessagingSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("500") int relayBatchSize,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("3") int consumerRetries,
        @DefaultValue("500ms") Duration consumerBackoff,
        @DefaultValue("1") int consumerConcurrency,
        String groupPrefix,
        @DefaultValue("10s") Duration factPatience) {
}
