package cloud.practice.gateway.resilience;

/** Looking through wrapped errors (retries exhausted, Netty and Spring wrappers) for the cause that matters. */
public final class Failures {

    /** An error that is the caller's fault (an oversized body...): it says nothing about the backend's health. */
    public interface ClientFault {
    }

    private Failures() {
    }

    public static boolean causedBy(Throwable error, Class<?> type) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
