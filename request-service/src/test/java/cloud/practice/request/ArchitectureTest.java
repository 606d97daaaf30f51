package cloud.practice.request;

import cloud.practice.testing.ServiceArchitectureContract;

/**
 * Package by feature (menu, lifecycle, activity), CQRS inside the feature, no service imports another, and a domain
 * that knows nothing of HTTP.
 */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.request");
    }
}
