package cloud.practice.support.eventstore;

import cloud.practice.testing.TestInfrastructure;

/**
 * The two ways the event store inserts the events of one append, and the store each runs on. {@code OFF}: one
 * ordered {@code insertMany}, as the stand-in and the local platform run it. {@code ON}
 * ({@code practice.eventstore.transactions=true}, as compose and Kubernetes run it): an append of several events
 * in one multi-document transaction — on the shared MongoDB where it is a replica set (containers mode), otherwise
 * on {@link SessionAcceptingStandIn}, which takes the same commands but neither isolates nor rolls back.
 */
enum Transactions {

    OFF, ON;

    boolean on() {
        return this == ON;
    }

    String mongoUri(String database) {
        return on() && !onReplicaSet() ? SessionAcceptingStandIn.mongoUri(database)
                : TestInfrastructure.get().mongoUri(database);
    }

    /** Whether a failed transaction leaves nothing behind; only a real replica set rolls one back. */
    boolean rollsBackFailedAppends() {
        return on() && onReplicaSet();
    }

    private static boolean onReplicaSet() {
        return TestInfrastructure.get().mongoSupportsTransactions();
    }

    @Override
    public String toString() {
        if (!on()) {
            return "transactions off: one ordered insertMany";
        }
        return onReplicaSet() ? "transactions on: MongoDB replica set"
                : "transactions on: stand-in taking sessions (no isolation, no rollback)";
    }
}
