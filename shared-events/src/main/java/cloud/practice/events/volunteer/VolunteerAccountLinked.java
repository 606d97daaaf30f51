package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.Instant;

/**
 * A person's account is this volunteer: their own registration was approved, or staff registered them with their
 * consent recorded. The issuer puts the registry id into the account's tokens ({@code practice_volunteer}), so the
 * person acts on their own record. {@code accountId} is the issuer's opaque account id (the tokens' subject), never
 * a phone number or a name.
 */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerAccountLinked(
        String volunteerId,
        String districtId,
        String accountId,
        Instant linkedAt) implements DomainEvent {
}
