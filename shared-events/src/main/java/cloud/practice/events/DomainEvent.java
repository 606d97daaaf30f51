package cloud.practice.events;

/**
 * Every published event belongs to exactly one district (the tenant). The district id travels inside the
 * payload and as the {@code district} CloudEvents extension, so no consumer ever has to guess it.
 */
public interface DomainEvent {

    String districtId();
}
