package dev.envforge.starter.api;

import dev.envforge.starter.config.EnvforgeProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies. A body that declares a larger Content-Length fails on its first read; one
 * that is chunked fails as soon as it passes the cap. Either way the failure surfaces while the
 * body is parsed, where the problem mapping turns it into a 400 that names the limit.
 */
@Component
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final long limit;

  public RequestBodyLimitFilter(EnvforgeProperties properties) {
    this.limit = properties.maxBodySize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new SizeLimitedRequest(request, limit), response);
  }

  private static final class SizeLimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;

    SizeLimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new SizeLimitedStream(super.getInputStream(), getContentLengthLong(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class SizeLimitedStream extends ServletInputStream {

    private final ServletInputStream delegate;
    private final long declaredLength;
    private final long limit;
    private long read;

    SizeLimitedStream(ServletInputStream delegate, long declaredLength, long limit) {
      this.delegate = delegate;
      this.declaredLength = declaredLength;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      checkDeclared();
      int b = delegate.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      checkDeclared();
      int n = delegate.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void checkDeclared() throws IOException {
      if (declaredLength > limit) {
        throw new RequestBodyTooLargeException(limit);
      }
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new RequestBodyTooLargeException(limit);
      }
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
  }
}
