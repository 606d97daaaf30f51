package cloud.practice.request.evidence.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.request.evidence.EvidenceStore;
import cloud.practice.request.evidence.EvidenceStore.Evidence;
import cloud.practice.request.evidence.EvidenceStore.Subject;
import cloud.practice.request.lifecycle.api.RequestCommands.EraseEvidenceCommand;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.EvidenceStage;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Erasure follows the volunteer's (issue 27): when volunteer-service erases a volunteer, the photos they uploaded in
 * the district go — files and records — and each request's history says a photo was deleted. A photo still on its
 * way (stored, not yet attached) goes too; its command then fails and removes nothing more. Redelivered, it finds
 * nothing left to delete (the request ignores an erasure it already recorded).
 */
@Component
public class EvidenceErasure extends RoutedEventHandler {

    private final EvidenceStore store;
    private final CommandGateway commands;

    public EvidenceErasure(EvidenceStore store, CommandGateway commands) {
        this.store = store;
        this.commands = commands;
    }

    @Override
    public String name() {
        return "evidence-erasure";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.VOLUNTEER);
    }

    /** Only an erasure concerns the evidence. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(VolunteerErased.class, (e, at) -> erase(e));
    }

    private void erase(VolunteerErased erased) {
        for (Evidence evidence : store.uploadedBy(erased.districtId(), erased.volunteerId())) {
            // The history first: a failure here leaves the photo to the next attempt, which records and deletes it.
            if (evidence.subject() == Subject.REQUEST && evidence.attached()) {
                commands.sendAndWait(new EraseEvidenceCommand(evidence.subjectId(), evidence.evidenceId(),
                        EvidenceStage.valueOf(evidence.stage()), erased.erasedAt()));
            }
            store.delete(evidence);
        }
    }
}
