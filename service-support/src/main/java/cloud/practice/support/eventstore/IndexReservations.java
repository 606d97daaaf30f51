package cloud.practice.support.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Global indexes for the appends of one engine, with one counter increment for every append waiting at the same time
 * (issue 24). The first append to arrive increments the counter by its own count and by that of every append queued
 * while no increment was under way, then hands each its contiguous block in arrival order; appends arriving meanwhile
 * wait and go together in the next increment. One append alone pays what it paid before, one round trip; sixteen at
 * once pay one between them instead of sixteen. Each append still inserts its own events (atomic as before): only the
 * counter's round trip is shared. A failed increment fails every append of its group, none of which got indexes.
 */
final class IndexReservations {

    /** The shared counter: adds {@code count} atomically and returns its value after the addition. */
    interface Counter {
        long add(long count);
    }

    private final Counter counter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition served = lock.newCondition();
    private List<Reservation> waiting = new ArrayList<>();
    private boolean incrementing;

    IndexReservations(Counter counter) {
        this.counter = counter;
    }

    /** The last of {@code count} new contiguous indexes (the first is {@code last - count + 1}). */
    long reserve(int count) {
        Reservation mine = new Reservation(count);
        List<Reservation> group;
        lock.lock();
        try {
            waiting.add(mine);
            while (incrementing && !mine.done) {
                served.awaitUninterruptibly(); // an append interrupted here would leave its indexes as a gap
            }
            if (mine.done) {
                return mine.last();
            }
            incrementing = true;
            group = waiting;
            waiting = new ArrayList<>();
        } finally {
            lock.unlock();
        }
        long total = group.stream().mapToLong(reservation -> reservation.count).sum();
        long last = 0;
        RuntimeException failure = null;
        try {
            last = counter.add(total);
        } catch (RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            long next = last - total + 1;
            for (Reservation reservation : group) {
                next += reservation.count;
                reservation.settle(next - 1, failure);
            }
            incrementing = false;
            served.signalAll();
        } finally {
            lock.unlock();
        }
        return mine.last();
    }

    /** Appends waiting for the next increment (for tests). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** One append's request; settled under the lock, read by its own thread after it. */
    private static final class Reservation {
        private final int count;
        private boolean done;
        private long last;
        private RuntimeException failure;

        Reservation(int count) {
            this.count = count;
        }

        void settle(long last, RuntimeException failure) {
            this.last = last;
            this.failure = failure;
            this.done = true;
        }

        long last() {
            if (failure != null) {
                throw failure;
            }
            return last;
        }
    }
}
