package cloud.practice.request.live;

import cloud.practice.support.web.live.BoundedStream;

/**
 * Where one queue stream's events go (the HTTP response, in tests a recorder). Called by one thread at a time; its
 * close ends the response, and the client reconnects and fetches the queue again.
 */
public interface StreamSink extends BoundedStream.Sink<LiveEvent> {
}
