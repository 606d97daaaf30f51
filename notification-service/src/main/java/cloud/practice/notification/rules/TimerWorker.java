package cloud.practice.notification.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Fires the timers that fell due (also those that fell due while the service was down). */
@Component
public class TimerWorker {

    private static final Logger log = LoggerFactory.getLogger(TimerWorker.class);
    private static final int BATCH = 200;

    private final Timers timers;
    private final Rules rules;
    private final Clock clock;

    public TimerWorker(Timers timers, Rules rules, Clock clock) {
        this.timers = timers;
        this.rules = rules;
        this.clock = clock;
    }

    /** @return how many timers fired */
    public int work() {
        int fired = 0;
        for (Timers.Timer timer : timers.due(clock.instant(), BATCH)) {
            try {
                rules.fire(timer);
                fired++;
            } catch (RuntimeException e) {
                // Left in place: the next look tries again (raising is idempotent).
                log.warn("timer {} did not fire; tried again at the next look", timer.id(), e);
            }
        }
        return fired;
    }
}
