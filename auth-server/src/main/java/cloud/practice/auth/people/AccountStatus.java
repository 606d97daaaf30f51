package cloud.practice.auth.people;

/** ACTIVE accounts log in; DISABLED ones were stopped by an admin; CLOSED ones were erased and anonymised. */
public enum AccountStatus {
    ACTIVE, DISABLED, CLOSED
}
