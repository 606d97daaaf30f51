package cloud.practice.hierarchy;

import cloud.practice.testing.ServiceArchitectureContract;

/** Package by feature, CQRS inside the feature, and no service imports another. */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.hierarchy");
    }
}
