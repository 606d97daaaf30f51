package cloud.practice.request.live;

import java.io.IOException;

/** Where one stream's events go (the HTTP response, in tests a recorder). Called by one thread at a time. */
public interface StreamSink {

    /** Writes and flushes one event; may block while the client's connection is full. */
    void send(LiveEvent event) throws IOException;

    /** Ends the response (idempotent): the client reconnects and fetches the queue again. */
    void close();
}
