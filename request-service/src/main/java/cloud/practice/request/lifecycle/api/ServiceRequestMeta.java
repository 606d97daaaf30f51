package cloud.practice.request.lifecycle.api;

/** Meta-data keys on request commands. */
public final class ServiceRequestMeta {

    /** The district the caller acts in; a request of another district answers as unknown. */
    public static final String DISTRICT = "districtId";


    private ServiceRequestMeta() {
    }
}
