package cloud.practice.volunteer.registry.api;

/** How staff recorded a person's consent to link their account to the volunteer record staff registered. */
public enum ConsentMethod {
    /** A signed paper form, kept by the station. */
    PAPER_FORM,
    /** Said in person to the staff member registering them. */
    IN_PERSON,
    /** Said on the phone to the staff member registering them. */
    PHONE
}
