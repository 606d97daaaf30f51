package cloud.practice.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * What the container answers itself (a request the firewall refuses, an unmapped error) is problem+json too, never
 * Spring's default error page: replaces Boot's BasicErrorController at {@code /error}.
 */
@RestController
public class ErrorProblems implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String type = switch (status) {
            case BAD_REQUEST -> "bad-request";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case URI_TOO_LONG -> "uri-too-long";
            case PAYLOAD_TOO_LARGE -> "payload-too-large";
            default -> status.is4xxClientError() ? "client-error" : "internal-error";
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is4xxClientError()
                ? "The request was refused: " + status.getReasonPhrase()
                : "The request could not be completed");
        problem.setType(URI.create(ProblemHandling.TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
