package cloud.practice.request.sla;

import cloud.practice.events.request.Stage;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.request.lifecycle.api.RequestCommands.EscalateRequestCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Every second, escalates the requests whose clock ran out to the parent of the unit holding them (station →
 * institute → center); at the center the request expires. Several instances may do this at once: the request
 * aggregate ignores an escalation whose clock has already moved on.
 */
@Component
public class EscalationScheduler {

    private static final Logger log = LoggerFactory.getLogger(EscalationScheduler.class);

    private final SlaClocks clocks;
    private final OrgUnitDirectory units;
    private final CommandGateway commands;
    private final Clock clock;

    public EscalationScheduler(SlaClocks clocks, OrgUnitDirectory units, CommandGateway commands, Clock clock) {
        this.clocks = clocks;
        this.units = units;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${practice.sla.poll-interval:1000}")
    public void escalateOverdue() {
        for (Document due : clocks.due(clock.instant(), 200)) {
            var unit = units.unit(due.getString("districtId"), due.getString("unitId"));
            if (unit.isEmpty()) {
                // The tree copy has not caught up (or the unit is unknown): never expire on missing knowledge.
                log.warn("Request {} is overdue at unit {}, which the directory does not know yet",
                        due.getString("_id"), due.getString("unitId"));
                continue;
            }
            String parent = unit.get().parentId();
            try {
                commands.sendAndWait(new EscalateRequestCommand(due.getString("_id"),
                        Stage.valueOf(due.getString("stage")), due.getDate("dueAt").toInstant(), parent));
            } catch (RuntimeException e) {
                log.warn("Could not escalate request {} ({}); will retry", due.getString("_id"), e.getMessage());
            }
        }
    }
}
