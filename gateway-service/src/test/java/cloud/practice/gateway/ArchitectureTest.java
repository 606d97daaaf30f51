package cloud.practice.gateway;

import cloud.practice.testing.ServiceArchitectureContract;

/**
 * The gateway keeps the services' contract where it applies (issue 30): it imports no service — only the shared glue
 * and the web module's files — and has no write side, so the CQRS and domain rules hold with nothing to check.
 */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.gateway");
    }
}
