package cloud.practice.request.lifecycle.web;

import cloud.practice.request.lifecycle.api.RequestCommands.AcceptRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CancelRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckInRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckOutRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CompleteRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.DispatchRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.PastEscalation;
import cloud.practice.request.lifecycle.api.RequestCommands.PastStep;
import cloud.practice.request.lifecycle.api.RequestCommands.RateRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReopenRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReviewRequestCommand;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * The body of {@code POST /api/v1/requests/history}: a request from before the platform (a district bringing the
 * records of its earlier system) with every step it went through, each at its own time. The fields a step needs are
 * the live endpoint's; the requester of rate, reopen and cancel is the order's. Checked here for shape and time
 * order; the lifecycle's rules are the aggregate's, exactly as for live commands.
 */
final class PastRequests {

    /** How far back a history may reach. */
    static final Duration OLDEST = Duration.ofDays(10 * 366);
    /** A step may be this far ahead of our clock (the sender's clock may run slightly fast). */
    static final Duration SKEW = Duration.ofMinutes(1);

    private PastRequests() {
    }

    public enum Action {
        @JsonProperty("review") REVIEW, @JsonProperty("dispatch") DISPATCH, @JsonProperty("accept") ACCEPT,
        @JsonProperty("check-in") CHECK_IN, @JsonProperty("check-out") CHECK_OUT, @JsonProperty("complete") COMPLETE,
        @JsonProperty("rate") RATE, @JsonProperty("reopen") REOPEN, @JsonProperty("cancel") CANCEL,
        /** The stage's SLA clock ran out then: the request climbed to the unit above (or expired at the top). */
        @JsonProperty("escalate") ESCALATE
    }

    public record History(@NotNull @Valid RequestController.Order order, @NotNull Instant submittedAt,
                          @NotNull @Size(max = 100) List<@NotNull @Valid Step> steps) {
    }

    public record Step(@NotNull Action action, @NotNull Instant at, Boolean accept,
                       @Pattern(regexp = ID) String reviewerId, @Size(max = 500) String reason,
                       @Size(max = 50) List<@NotBlank @Pattern(regexp = ID) String> volunteerIds,
                       @Pattern(regexp = ID) String volunteerId, @Min(1) @Max(5) Integer rating, Boolean solved,
                       @Size(max = 1000) String comment) {
    }

    /** The live commands the steps stand for, after the checks every step must pass before anything is recorded. */
    static List<PastStep> steps(String requestId, History history, Instant now) {
        if (history.submittedAt().isAfter(now.plus(SKEW))) {
            throw ApiException.badRequest("submittedAt", "submittedAt is in the future; only past requests are imported");
        }
        if (history.submittedAt().isBefore(now.minus(OLDEST))) {
            throw ApiException.badRequest("submittedAt", "submittedAt is more than ten years ago");
        }
        String requester = history.order().requesterId();
        List<PastStep> steps = new ArrayList<>();
        Instant previous = history.submittedAt();
        for (int i = 0; i < history.steps().size(); i++) {
            Step step = history.steps().get(i);
            String field = "steps[" + i + "]";
            if (step.at().isBefore(previous)) {
                throw ApiException.badRequest(field + ".at", field + " happened before the step it follows ("
                        + previous + "); give the steps in the order they happened");
            }
            if (step.at().isAfter(now.plus(SKEW))) {
                throw ApiException.badRequest(field + ".at", field + " is in the future");
            }
            previous = step.at();
            steps.add(new PastStep(step.at(), switch (step.action()) {
                case REVIEW -> new ReviewRequestCommand(requestId, required(step.accept(), field + ".accept"),
                        required(step.reviewerId(), field + ".reviewerId"), step.reason());
                case DISPATCH -> new DispatchRequestCommand(requestId,
                        required(step.volunteerIds() == null || step.volunteerIds().isEmpty() ? null : step.volunteerIds(),
                                field + ".volunteerIds"), null, "MANUAL");
                case ACCEPT -> new AcceptRequestCommand(requestId, required(step.volunteerId(), field + ".volunteerId"));
                case CHECK_IN -> new CheckInRequestCommand(requestId, required(step.volunteerId(), field + ".volunteerId"),
                        step.at(), null);
                case CHECK_OUT -> new CheckOutRequestCommand(requestId, required(step.volunteerId(), field + ".volunteerId"),
                        step.at(), step.comment());
                case COMPLETE -> new CompleteRequestCommand(requestId, required(step.volunteerId(), field + ".volunteerId"));
                case RATE -> new RateRequestCommand(requestId, requester, required(step.rating(), field + ".rating"),
                        step.solved() == null || step.solved(), step.comment());
                case REOPEN -> new ReopenRequestCommand(requestId, requester, step.reason());
                case CANCEL -> new CancelRequestCommand(requestId, requester, step.reason());
                case ESCALATE -> PastEscalation.CLOCK_RAN_OUT;
            }));
        }
        return steps;
    }

    /** The unit and its ancestors, bottom up: where escalations of the history climb. */
    static List<String> unitChain(OrgUnitDirectory units, String district, String unitId) {
        List<String> chain = new ArrayList<>();
        String current = unitId;
        while (current != null && !chain.contains(current)) {
            chain.add(current);
            current = units.unit(district, current).map(OrgUnitDirectory.Unit::parentId).orElse(null);
        }
        return chain;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.badRequest(field, field + " is required for this action");
        }
        return value;
    }
}
