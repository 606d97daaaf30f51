package cloud.practice.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * One handler's record listener: decode and validate, skip what was applied, apply, remember. Exceptions go to the
 * container's error handler (bounded retries, then the dead-letter topic).
 *
 * <p>Warns when a published event of the aggregate is missing: the record names its previous published event
 * ({@code aggregateprevseq}) and that one was not applied. Internal events of the publisher use up sequence numbers
 * too, so a gap in sequence numbers alone means nothing; only records that lack the previous sequence (published
 * before it existed) are held to consecutive numbers.
 */
class InboundEventDispatcher implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(InboundEventDispatcher.class);

    /** Counts events whose previous published event is known to be missing, per handler. */
    static final String MISSING_EVENTS_METRIC = "practice.inbound.missing.events";

    private final InboundEventHandler handler;
    private final CloudEventCodec codec;
    private final ProcessedEventLedger ledger;
    private final Counter missingEvents;

    InboundEventDispatcher(InboundEventHandler handler, CloudEventCodec codec, ProcessedEventLedger ledger,
                           MeterRegistry meters) {
        this.handler = handler;
        this.codec = codec;
        this.ledger = ledger;
        this.missingEvents = Counter.builder(MISSING_EVENTS_METRIC)
                .description("Events received whose aggregate's previous published event was never applied")
                .tag("handler", handler.name())
                .register(meters);
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = codec.decode(record);
        long applied = ledger.lastApplied(handler.name(), event.subject());
        if (event.sequence() <= applied) {
            log.debug("{} skips {} #{} of {}: already applied up to #{}", handler.name(), event.type(),
                    event.sequence(), event.subject(), applied);
            return;
        }
        if (applied >= 0) {
            warnIfAnEventIsMissing(event, applied);
        }
        handler.handle(event);
        ledger.recordApplied(handler.name(), event.subject(), event.sequence());
    }

    private void warnIfAnEventIsMissing(InboundEvent event, long applied) {
        if (event.previousSequence() != null) {
            if (event.previousSequence() > applied) {
                missingEvents.increment();
                log.warn("{} sees {} #{} of {} after #{}: the aggregate's previous published event #{} is missing "
                                + "from the topic", handler.name(), event.type(), event.sequence(), event.subject(),
                        applied, event.previousSequence());
            }
        } else if (event.sequence() > applied + 1) {
            // Not counted: without the previous published sequence the gap may well be internal events.
            String skipped = event.sequence() - 1 == applied + 1 ? "event #" + (applied + 1)
                    : "events #" + (applied + 1) + " to #" + (event.sequence() - 1);
            log.warn("{} sees {} #{} of {} after #{}: {} missing from the topic or internal (the record does not "
                            + "name its previous published event)", handler.name(), event.type(), event.sequence(),
                    event.subject(), applied, skipped);
        }
    }
}
