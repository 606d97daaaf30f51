package cloud.practice.auth.people;

/** How an account came to be: a resident signed themselves up, or an admin created a staff account. */
public enum AccountKind {
    RESIDENT, STAFF
}
