package cloud.practice.reporting.web;

import cloud.practice.reporting.access.ReportAccess;
import cloud.practice.reporting.projection.ProjectionRuntime;
import cloud.practice.reporting.projection.ProjectionStatus;
import cloud.practice.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/reports/projections")
@Tag(name = "projections", description = "Projection versions, their position and lag; rebuild without downtime")
public class ProjectionController {

    private final ProjectionRuntime runtime;
    private final ReportAccess access;

    public ProjectionController(ProjectionRuntime runtime, ReportAccess access) {
        this.runtime = runtime;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "Each running projection version: role (active/building), position, end, lag "
            + "(platform clients only)")
    public List<ProjectionStatus> status(HttpServletRequest request) {
        access.requireProjectionManager(request);
        return runtime.status();
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Build a new version from offset zero while the active one serves; it takes over once "
            + "caught up (409 while a rebuild runs)")
    public ResponseEntity<RebuildStarted> rebuild(HttpServletRequest request) {
        access.requireProjectionManager(request);
        try {
            int version = runtime.rebuild();
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RebuildStarted(ProjectionRuntime.PROJECTION,
                    version, runtime.activeVersion(), "/api/v1/reports/projections"));
        } catch (IllegalStateException e) {
            throw ApiException.conflict("rebuild-in-progress", e.getMessage());
        }
    }

    /**
     * A rebuild under way.
     *
     * @param building the version being built
     * @param active   the version serving reports until the new one has caught up
     * @param status   where to follow it
     */
    public record RebuildStarted(String projection, int building, int active, String status) {
    }
}
