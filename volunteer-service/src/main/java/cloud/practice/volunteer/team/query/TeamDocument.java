package cloud.practice.volunteer.team.query;

import cloud.practice.events.ServicePlatform;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A team as the API shows it; {@code version} is its ETag. */
@Document("teams")
public class TeamDocument {
    @Id
    public String teamId;
    public String districtId;
    public String unitId;
    public String name;
    public String leaderVolunteerId;
    public List<ServicePlatform> platforms = new ArrayList<>();
    public int capacity;
    public List<Member> members = new ArrayList<>();
    public Status status;
    public String dissolvedReason;
    public Instant formedAt;
    public Instant dissolvedAt;
    public long version = -1;

    public enum Status { ACTIVE, DISSOLVED }

    public record Member(String volunteerId, Instant joinedAt) {
    }
}
