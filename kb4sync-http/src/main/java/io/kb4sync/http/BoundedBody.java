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

/**
 * Reads an answer's body as text in the charset its {@code Content-Type} names (UTF-8 when none),
 * refusing one larger than a cap: a declared {@code Content-Length} over the cap is refused before
 * any byte is read, an undeclared one as soon as the bytes read pass it.
 */
final class BoundedBody implements HttpResponse.BodyHandler<String> {
  private final long maxBytes;

  BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body was larger than the cap. */
  static final class TooLarge extends IOException {
    TooLarge(long maxBytes) {
      super("the answer is larger than " + maxBytes + " bytes");
    }
  }

  @Override
  public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Collector(maxBytes, declared > maxBytes, charset(info.headers()));
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
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    Collector(long maxBytes, boolean refuse, Charset charset) {
      this.maxBytes = maxBytes;
      this.refuse = refuse;
      this.charset = charset;
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
      } else {
        s.request(Long.MAX_VALUE);
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
