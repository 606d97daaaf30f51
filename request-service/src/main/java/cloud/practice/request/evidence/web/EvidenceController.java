package cloud.practice.request.evidence.web;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.request.activity.api.ActivityCommands.AttachActivityEvidenceCommand;
import cloud.practice.request.activity.query.ActivityProjection;
import cloud.practice.request.evidence.EvidenceImages;
import cloud.practice.request.evidence.EvidenceStore;
import cloud.practice.request.evidence.EvidenceStore.Evidence;
import cloud.practice.request.evidence.EvidenceStore.Subject;
import cloud.practice.request.lifecycle.api.RequestCommands.AttachEvidenceCommand;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.EvidenceStage;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.request.menu.query.MenuProjection;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * Photos as evidence of service (issue 27): uploaded one per call ({@code multipart/form-data}, part {@code file},
 * optional {@code caption}) at a request's check-out or completion and at an activity's close, read by whoever may
 * read the request or activity. The files are stored first, then the aggregate attaches them; a refused command
 * removes them again, so a refused upload leaves nothing behind.
 */
@RestController
@Validated
@Tag(name = "evidence", description = "Photos as evidence of service: upload, list, content")
public class EvidenceController {

    static final int MAX_CAPTION = 200;
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();

    private final RequestAccess access;
    private final CommandGateway commands;
    private final RequestProjection requests;
    private final ActivityProjection activities;
    private final MenuProjection menu;
    private final EvidenceStore store;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    public EvidenceController(RequestAccess access, CommandGateway commands, RequestProjection requests,
                              ActivityProjection activities, MenuProjection menu, EvidenceStore store,
                              IdempotentRequests idempotency, Clock clock) {
        this.access = access;
        this.commands = commands;
        this.requests = requests;
        this.activities = activities;
        this.menu = menu;
        this.store = store;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** One photo as the API shows it; {@code location} only where the district keeps photo locations. */
    public record EvidenceView(String evidenceId, String stage, String caption, String contentType, long bytes,
                               int width, int height, String uploadedBy, Instant uploadedAt, Position location,
                               String url, String thumbnailUrl) {
    }

    public record Position(double lat, double lon) {
    }

    // ------------------------------------------------------------------------------------------------ requests

    @PostMapping(path = "/api/v1/requests/{requestId}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Attach a photo (JPEG or PNG, at most 10 MB, 40 megapixels, 12,000 px a side; HEIC is "
            + "converted to JPEG by the mobile end) at CHECK_OUT or COMPLETION: the accepting volunteer or staff who "
            + "administer the request, from check-in until 7 days after completion, at most 9 per stage. The photo "
            + "is decoded and encoded again (no metadata kept) with a 320 px thumbnail; Idempotency-Key supported")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = EvidenceView.class)))
    public ResponseEntity<?> uploadToRequest(@Parameter(hidden = true) Caller caller,
                                             @PathVariable @Pattern(regexp = ID) String requestId,
                                             District district,
                                             @RequestParam EvidenceStage stage,
                                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                             @RequestPart("file") MultipartFile file,
                                             @RequestParam(name = "caption", required = false) String caption) {
        RequestView view = readableRequest(caller, district.id(), requestId);
        String uploadedBy;
        boolean byStaff;
        if (caller.role().isVolunteer()) {
            if (!caller.is(view.volunteerId)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "not-your-request", "Only the volunteer who accepted '"
                        + requestId + "' may attach photos to it");
            }
            uploadedBy = caller.volunteerId();
            byStaff = false;
        } else {
            access.administer(caller, district.id(), requestId, null);
            uploadedBy = caller.userId();
            byStaff = true;
        }
        String text = caption(caption);
        byte[] bytes = bytes(file);
        return idempotency.run(district.id(), key, fingerprint(stage.name(), text, bytes), () -> {
            EvidenceImages.Cleaned photo = EvidenceImages.clean(bytes);
            limit(store.count(district.id(), Subject.REQUEST, requestId, stage.name()), AttachEvidenceCommand.MAX_PER_STAGE);
            Evidence evidence = attach(district.id(), Subject.REQUEST, requestId, stage.name(), text, uploadedBy, photo,
                    stored -> commands.sendAndWait(new AttachEvidenceCommand(requestId, stored.evidenceId(), stage,
                            uploadedBy, byStaff, stored.contentType(), stored.bytes(), stored.width(), stored.height())));
            EvidenceView shown = view(evidence);
            return ResponseEntity.created(URI.create(shown.url())).body(shown);
        });
    }

    @GetMapping("/api/v1/requests/{requestId}/evidence")
    @Operation(summary = "The request's photos, oldest first, for whoever may read the request")
    public List<EvidenceView> requestEvidence(@Parameter(hidden = true) Caller caller,
                                              @PathVariable @Pattern(regexp = ID) String requestId,
                                              District district) {
        readableRequest(caller, district.id(), requestId);
        return store.attached(district.id(), Subject.REQUEST, requestId).stream().map(EvidenceController::view).toList();
    }

    @GetMapping("/api/v1/requests/{requestId}/evidence/{evidenceId}/content")
    @Operation(summary = "A photo's bytes (size=full, the default, or thumbnail) for whoever may read the request")
    public ResponseEntity<byte[]> requestContent(@Parameter(hidden = true) Caller caller,
                                                 @PathVariable @Pattern(regexp = ID) String requestId,
                                                 @PathVariable @Pattern(regexp = ID) String evidenceId,
                                                 District district,
                                                 @RequestParam(defaultValue = "full") @Pattern(regexp = "full|thumbnail") String size) {
        readableRequest(caller, district.id(), requestId);
        return content(district.id(), Subject.REQUEST, requestId, evidenceId, size);
    }

    // ------------------------------------------------------------------------------------------------ activities

    @PostMapping(path = "/api/v1/activities/{activityId}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Attach a photo of the activity (stage CLOSE; limits as for requests): its managers, from its "
            + "start until 7 days after it closed, at most 9; Idempotency-Key supported")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = EvidenceView.class)))
    public ResponseEntity<?> uploadToActivity(@Parameter(hidden = true) Caller caller,
                                              @PathVariable @Pattern(regexp = ID) String activityId,
                                              District district,
                                              @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                              @RequestPart("file") MultipartFile file,
                                              @RequestParam(name = "caption", required = false) String caption) {
        readableActivity(caller, district.id(), activityId);
        access.manageActivityOf(caller, district.id(), activityId);
        String text = caption(caption);
        byte[] bytes = bytes(file);
        String uploadedBy = caller.userId();
        return idempotency.run(district.id(), key, fingerprint("CLOSE", text, bytes), () -> {
            EvidenceImages.Cleaned photo = EvidenceImages.clean(bytes);
            limit(store.count(district.id(), Subject.ACTIVITY, activityId, "CLOSE"), AttachActivityEvidenceCommand.MAX_PHOTOS);
            Evidence evidence = attach(district.id(), Subject.ACTIVITY, activityId, "CLOSE", text, uploadedBy, photo,
                    stored -> commands.sendAndWait(new AttachActivityEvidenceCommand(activityId, stored.evidenceId(),
                            uploadedBy, stored.contentType(), stored.bytes(), stored.width(), stored.height())));
            EvidenceView shown = view(evidence);
            return ResponseEntity.created(URI.create(shown.url())).body(shown);
        });
    }

    @GetMapping("/api/v1/activities/{activityId}/evidence")
    @Operation(summary = "The activity's photos, oldest first, for whoever may read the activity")
    public List<EvidenceView> activityEvidence(@Parameter(hidden = true) Caller caller,
                                               @PathVariable @Pattern(regexp = ID) String activityId,
                                               District district) {
        readableActivity(caller, district.id(), activityId);
        return store.attached(district.id(), Subject.ACTIVITY, activityId).stream().map(EvidenceController::view).toList();
    }

    @GetMapping("/api/v1/activities/{activityId}/evidence/{evidenceId}/content")
    @Operation(summary = "A photo's bytes (size=full, the default, or thumbnail) for whoever may read the activity")
    public ResponseEntity<byte[]> activityContent(@Parameter(hidden = true) Caller caller,
                                                  @PathVariable @Pattern(regexp = ID) String activityId,
                                                  @PathVariable @Pattern(regexp = ID) String evidenceId,
                                                  District district,
                                                  @RequestParam(defaultValue = "full") @Pattern(regexp = "full|thumbnail") String size) {
        readableActivity(caller, district.id(), activityId);
        return content(district.id(), Subject.ACTIVITY, activityId, evidenceId, size);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A request the caller may not read answers exactly like a missing one (as {@code GET /requests/{id}}). */
    private RequestView readableRequest(Caller caller, String district, String requestId) {
        RequestView view = (caller.belongsTo(district) ? requests.request(district, requestId)
                : java.util.Optional.<RequestView>empty())
                .orElseThrow(() -> ApiException.notFound("request", requestId));
        access.read(caller, view);
        return view;
    }

    private void readableActivity(Caller caller, String district, String activityId) {
        access.readActivity(caller, district, activityId);
        if (activities.activity(district, activityId).isEmpty()) {
            throw ApiException.notFound("activity", activityId);
        }
    }

    /**
     * Files first, then the command; if the command is refused (or fails) the files and record go again. A crash in
     * between leaves a record never attached, which {@code EvidenceSweep} removes after an hour.
     */
    private Evidence attach(String district, Subject subject, String subjectId, String stage, String caption,
                            String uploadedBy, EvidenceImages.Cleaned photo, Consumer<Evidence> command) {
        String evidenceId = "ev-" + UUID.randomUUID();
        boolean keepLocation = menu.photoRule(district).keepLocation();
        Evidence evidence = store.store(district, evidenceId, subject, subjectId, stage, caption, uploadedBy,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), photo, keepLocation);
        try {
            ConflictRetry.onConflict(() -> {
                command.accept(evidence);
                return null;
            });
        } catch (RuntimeException refused) {
            store.delete(evidence);
            throw refused;
        }
        return evidence;
    }

    /** A quick refusal before anything is stored; the aggregate holds the limit under concurrent uploads. */
    private static void limit(long recorded, int max) {
        if (recorded >= max) {
            throw ApiException.conflict("too-many-photos", "At most " + max + " photos per stage; this one has them");
        }
    }

    private ResponseEntity<byte[]> content(String district, Subject subject, String subjectId, String evidenceId,
                                           String size) {
        Evidence evidence = store.evidence(district, evidenceId)
                .filter(found -> found.attached() && found.subject() == subject && found.subjectId().equals(subjectId))
                .orElseThrow(() -> ApiException.notFound("evidence", evidenceId));
        EvidenceStore.Content content = store.content(evidence, size.equals("thumbnail"))
                .orElseThrow(() -> ApiException.notFound("evidence", evidenceId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .cacheControl(CACHE)
                .body(content.bytes());
    }

    private static String caption(String caption) {
        if (caption == null || caption.isBlank()) {
            return null;
        }
        String text = caption.strip();
        if (text.codePointCount(0, text.length()) > MAX_CAPTION) {
            throw ApiException.badRequest("caption", "A caption holds at most " + MAX_CAPTION + " characters");
        }
        return text;
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("file", "Send one photo as the multipart part 'file'");
        }
        if (file.getSize() > EvidenceImages.MAX_BYTES) {
            throw EvidenceImages.tooLarge(file.getSize());
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw ApiException.badRequest("file", "The photo could not be read from the request");
        }
    }

    /** What makes two uploads the same for Idempotency-Key: stage, caption and the photo's digest. */
    private static Map<String, Object> fingerprint(String stage, String caption, byte[] bytes) {
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("stage", stage);
        fingerprint.put("caption", caption);
        try {
            fingerprint.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return fingerprint;
    }

    static EvidenceView view(Evidence e) {
        return new EvidenceView(e.evidenceId(), e.stage(), e.caption(), e.contentType(), e.bytes(), e.width(),
                e.height(), e.uploadedBy(), e.uploadedAt(), e.lat() == null ? null : new Position(e.lat(), e.lon()),
                e.contentPath("full"), e.contentPath("thumbnail"));
    }
}
