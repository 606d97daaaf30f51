package cloud.practice.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * One handler's record listener: decode and validate, skip what was applied, apply, remember. Exceptions go to the
 * container's error handler (bounded retries, then the dead-letter topic).
 */
class InboundEventDispatcher implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(InboundEventDispatcher.class);

    private final InboundEventHandler handler;
    private final CloudEventCodec codec;
    private final ProcessedEventLedger ledger;

    InboundEventDispatcher(InboundEventHandler handler, CloudEventCodec codec, ProcessedEventLedger ledger) {
        this.handler = handler;
        this.codec = codec;
        this.ledger = ledger;
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
        if (event.sequence() > applied + 1 && applied >= 0) {
            log.warn("{} sees {} #{} of {} after #{}: earlier events are missing from the topic", handler.name(),
                    event.type(), event.sequence(), event.subject(), applied);
        }
        handler.handle(event);
        ledger.recordApplied(handler.name(), event.subject(), event.sequence());
    }
}
