package cloud.practice.request.open311.web;

import cloud.practice.request.open311.format.Format;
import cloud.practice.request.open311.format.Open311Writer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers written before or beside the Open311 controllers — the security filters' 401/403, Spring's 404 for an
 * unknown resource, 405, 415 — come as problem+json; on {@code /open311/} they are rewritten into the spec's error
 * document in the format the path asks for. A missing or refused credential answers 403, as the spec has it for an
 * invalid {@code api_key}.
 */
public class Open311ErrorFilter extends OncePerRequestFilter {

    private final ObjectMapper json;
    private final Open311Writer writer;

    public Open311ErrorFilter(ObjectMapper json) {
        this.json = json;
        this.writer = new Open311Writer(json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapped);
        } finally {
            String type = wrapped.getContentType();
            if (type != null && type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                rewrite(request, wrapped);
            }
            wrapped.copyBodyToResponse();
        }
    }

    private void rewrite(HttpServletRequest request, ContentCachingResponseWrapper response) throws IOException {
        String description;
        try {
            JsonNode problem = json.readTree(response.getContentAsByteArray());
            description = problem.path("detail").asText(problem.path("title").asText("Error"));
        } catch (IOException e) {
            description = "Error";
        }
        int status = response.getStatus() == HttpStatus.UNAUTHORIZED.value() ? HttpStatus.FORBIDDEN.value()
                : response.getStatus();
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            description = "api_key (or bearer token) was not provided or is invalid";
        }
        Format format = Format.ofPath(request.getRequestURI());
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(format.mediaType().toString());
        response.getOutputStream().write(writer.errors(format, status, description).getBytes(StandardCharsets.UTF_8));
    }
}
