package cloud.practice.events.request;

/** How a request reached the platform. */
public enum Channel {
    APP,
    PC,
    TV,
    KIOSK,
    PHONE,
    GRID_WORKER,
    INTEGRATION
}
