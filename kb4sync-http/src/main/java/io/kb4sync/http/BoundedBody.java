package io.kb4sync.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Reads an answer's body as text in the charset its {@code Content-Type} names (UTF-8 when none),
 * refusing one larger than a cap: a declared {@code Content-Length} over the cap is refused before
 * any byte is read, an undeclared one as soon as the bytes read pass it. A body still arriving at
 * the deadline is cut off: the attempt fails with {@link DeadlinePassed}.
 */
final class BoundedBody implements HttpResponse.BodyHandler<String> {
  private final long maxBytes;
  private final long deadlineNanos;

  /**
   * @param deadlineNanos when the whole answer must have arrived, on {@link System#nanoTime()}
   */
  BoundedBody(long maxBytes, long deadlineNanos) {
    this.maxBytes = maxBytes;
    this.deadlineNanos = deadlineNanos;
  }

  /** The body was larger than the cap. */
  static final class TooLarge extends IOException {
    TooLarge(long maxBytes) {
      super("the answer is larger than " + maxBytes + " bytes");
    }
  }

  /**
   * The body had not arrived whole at the deadline. Not an {@code HttpTimeoutException}: the JDK's
   * {@code send} would replace that with a new one and lose what it was.
   */
  static final class DeadlinePassed extends IOException {
    DeadlinePassed() {
      super("the deadline passed while the answer was being read");
    }
  }

  @Override
  public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Collector(maxBytes, declared > maxBytes, charset(info.headers()), deadlineNanos);
  }

  static Charset charset(HttpHeaders headers) {
    String type = headers.firstValue("Content-Type").orElse("");
    for (String parameter : type.split(";")) {
      String[] pair = parameter.trim().split("=", 2);
      if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("charset")) {
        try {
          return Charset.forName(pair[1].trim().replace("\"", ""));
        } catch (IllegalArgumentException unknown) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static final class Collector implements HttpResponse.BodySubscriber<String> {
    private final long maxBytes;
    private final boolean refuse;
    private final Charset charset;
    private final long deadlineNanos;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    Collector(long maxBytes, boolean refuse, Charset charset, long deadlineNanos) {
      this.maxBytes = maxBytes;
      this.refuse = refuse;
      this.charset = charset;
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      if (refuse) {
        s.cancel();
        result.completeExceptionally(new TooLarge(maxBytes));
        return;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        expire();
        return;
      }
      // The JDK's one delay thread fires the timeout; a body that completes first cancels it.
      CompletableFuture<Void> timer =
          new CompletableFuture<Void>().orTimeout(left, TimeUnit.NANOSECONDS);
      timer.whenComplete(
          (done, timedOut) -> {
            if (timedOut != null) {
              expire();
            }
          });
      result.whenComplete((body, failure) -> timer.complete(null));
      s.request(Long.MAX_VALUE);
    }

    private void expire() {
      if (result.completeExceptionally(new DeadlinePassed())) {
        subscription.cancel();
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (bytes.size() + (long) item.remaining() > maxBytes) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge(maxBytes));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable failure) {
      result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toString(charset));
    }
  }
}
