package cloud.practice.request.live;

import org.springframework.context.SmartLifecycle;

/**
 * A reader of the live queue's changes (ADR 0018) on a thread of its own, on every replica, started and stopped with
 * the application. {@link #positioned()} says whether it has its place in what it reads; until both readers have
 * theirs, no stream is opened (a stream opened earlier could miss a change between its {@code ready} and the reader's
 * start).
 */
abstract class LiveFeedReader implements SmartLifecycle {

    private final String threadName;
    protected volatile boolean running;
    protected volatile boolean positioned;
    private Thread thread;

    LiveFeedReader(String threadName) {
        this.threadName = threadName;
    }

    /** Whether the reader has its place: a change after this moment reaches the streams. */
    public boolean positioned() {
        return positioned;
    }

    /** Reads until {@link #running} turns false; sets {@link #positioned} once it has its place, and clears it at the end. */
    protected abstract void read();

    /** Wakes the reading thread from a wait, so that it sees it must stop. */
    protected void wake(Thread reader) {
        reader.interrupt();
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::read, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            wake(thread);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A second before trying again after a failure; an interrupt ends the reading. */
    protected void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
