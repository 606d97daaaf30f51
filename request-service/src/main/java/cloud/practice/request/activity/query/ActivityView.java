package cloud.practice.request.activity.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An activity with its places left, who signed up (participant id → role), who checked in (participant → when) and
 * which volunteers checked out (volunteer → when), however the check-out was made. How each check-in was made
 * (participant → QR_CODE or STAFF) and the reasons staff gave for check-ins by hand (participant → reason, only where
 * one was given).
 */
@Document("activities")
public class ActivityView {
    @Id
    public String activityId;
    public String districtId;
    public String unitId;
    public ServicePlatform platform;
    public String title;
    public String place;
    public GeoPoint location;
    public Instant startsAt;
    public Instant endsAt;
    public Instant signUpOpens;
    public Instant signUpCloses;
    public String pairingId;
    public int volunteerCapacity;
    public int residentCapacity;
    public Map<String, String> participants = new LinkedHashMap<>();
    public Map<String, Instant> checkedIn = new LinkedHashMap<>();
    public Map<String, Instant> checkedOut = new LinkedHashMap<>();
    public Map<String, String> checkInMethods = new LinkedHashMap<>();
    public Map<String, String> checkInReasons = new LinkedHashMap<>();
    public int volunteersAttended;
    public int residentsAttended;
    public String summary;
    public boolean closed;
    public long appliedSequence = -1;
}
