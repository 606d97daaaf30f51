package cloud.practice.request.lifecycle.api;

/** Where a request stands. Terminal: REJECTED, RATED (closed), CANCELLED, EXPIRED. */
public enum RequestStatus {
    SUBMITTED, REVIEWED, REJECTED, DISPATCHED, ACCEPTED, IN_SERVICE, SERVED, COMPLETED, RATED, CANCELLED, EXPIRED;

    public boolean isOpen() {
        return this != REJECTED && this != RATED && this != CANCELLED && this != EXPIRED;
    }
}
