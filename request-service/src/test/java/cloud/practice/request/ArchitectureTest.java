package cloud.practice.request;

import cloud.practice.testing.ServiceArchitectureContract;

/** Package by feature (menu, lifecycle, activity), CQRS inside the feature, and no service imports another. */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.request");
    }
}
