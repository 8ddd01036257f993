package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one piece of work per company ({@code sync --all-companies}, {@code audit --all-companies}),
 * at most {@code parallel_companies} at once, results in the companies' order. One company's
 * failure never stops the others: it becomes that company's failed result.
 */
public final class PerCompany {
  private PerCompany() {}

  /**
   * @param failed the result of a company whose work threw (or was interrupted), with a one-line
   *     reason
   */
  public static <T> List<T> run(
      int parallel,
      List<CompanyConfig> companies,
      Function<CompanyConfig, T> work,
      BiFunction<CompanyConfig, String, T> failed) {
    if (companies.size() == 1) {
      return List.of(work.apply(companies.get(0)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, companies.size()));
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (CompanyConfig company : companies) {
        futures.add(pool.submit(() -> work.apply(company)));
      }
      List<T> results = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        results.add(await(futures.get(i), companies.get(i), failed));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T await(
      Future<T> future, CompanyConfig company, BiFunction<CompanyConfig, String, T> failed) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed.apply(company, "interrupted");
    } catch (ExecutionException e) {
      return failed.apply(company, Messages.describe(e.getCause()));
    }
  }
}
