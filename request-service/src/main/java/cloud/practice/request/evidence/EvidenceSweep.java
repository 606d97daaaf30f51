package cloud.practice.request.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Removes photos stored but never attached — a crash between writing the files and the command, or between a refused
 * command and its clean-up — once they are {@link #AGE} old (an upload takes seconds; the hour leaves room for a
 * slow one). Every replica may sweep: deleting what is already gone changes nothing.
 */
@Component
public class EvidenceSweep {

    static final Duration AGE = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(EvidenceSweep.class);

    private final EvidenceStore store;
    private final Clock clock;

    public EvidenceSweep(EvidenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${practice.request.evidence.sweep-interval:PT10M}", initialDelayString = "PT1M")
    public void sweep() {
        int removed = store.sweep(clock.instant().minus(AGE));
        if (removed > 0) {
            log.info("Removed {} evidence photo(s) or file(s) never attached", removed);
        }
    }
}
