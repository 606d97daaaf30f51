package cloud.practice.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Refuses request bodies over the limit with 413 problem+json before anything reads them: by Content-Length when
 * the client declares it, by counting otherwise (chunked uploads). Endpoints declared as {@link LargerBody} have theirs.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final List<LargerBody> larger;
    private final ObjectMapper json;

    public RequestSizeLimit(long maxBytes, ObjectMapper json) {
        this(maxBytes, List.of(), json);
    }

    public RequestSizeLimit(long maxBytes, List<LargerBody> larger, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.larger = List.copyOf(larger);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = larger.stream().filter(body -> body.covers(request.getMethod(), path)).findFirst()
                .map(LargerBody::maxBytes).orElse(maxBytes);
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        try {
            chain.doFilter(new CountingRequest(request, limit), response);
        } catch (BodyTooLargeException | ServletException e) {
            if (!(e instanceof BodyTooLargeException) && !(e.getCause() instanceof BodyTooLargeException)) {
                throw e;
            }
            if (!response.isCommitted()) {
                response.reset();
                tooLarge(response, limit);
            }
        }
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The request body exceeds " + limit + " bytes");
        problem.setType(URI.create(ProblemHandling.TYPE_BASE + "payload-too-large"));
        problem.setTitle(HttpStatus.PAYLOAD_TOO_LARGE.getReasonPhrase());
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    private static final class CountingRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        CountingRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream delegate = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = delegate.read();
                        if (b >= 0 && ++read > maxBytes) {
                            throw new BodyTooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = delegate.read(buffer, offset, length);
                        if (n > 0 && (read += n) > maxBytes) {
                            throw new BodyTooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return delegate.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return delegate.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        delegate.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
