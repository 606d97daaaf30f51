package cloud.practice.gateway.web;

/**
 * Why the gateway answered a request itself instead of the backend: the problem code, kept on the exchange so the
 * access log and the rejection counter name it ({@code practice_gateway_rejections_total{reason=...}}).
 */
public final class RejectionReason {

    public static final String ATTRIBUTE = RejectionReason.class.getName();

    private RejectionReason() {
    }
}
