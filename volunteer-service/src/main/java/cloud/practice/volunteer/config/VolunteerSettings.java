package cloud.practice.volunteer.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * volunteer-service's own settings ({@code practice.volunteer.*}).
 *
 * @param starThresholds  cumulative hours for 1-5 stars where a district has not configured its own
 * @param masterKey       base64 AES-256 key that wraps every volunteer's data key at rest; empty = keys stored
 *                        unwrapped (local default only: set {@code PRACTICE_VOLUNTEER_MASTER_KEY} from a Secret)
 * @param identityPepper  secret of the keyed hashes of phone and ID numbers used for duplicate detection; empty =
 *                        generated once and kept in the service's database (local default only)
 */
@ConfigurationProperties("practice.volunteer")
public record VolunteerSettings(
        @DefaultValue({"100", "300", "600", "1000", "1500"}) List<Integer> starThresholds,
        @DefaultValue("") String masterKey,
        @DefaultValue("") String identityPepper) {
}
