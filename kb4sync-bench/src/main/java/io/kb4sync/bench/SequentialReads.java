package io.kb4sync.bench;

import io.kb4sync.app.Connectors;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The naive baseline's wiring: the same adapters as kb4sync's ({@link
 * io.kb4sync.app.RealConnectors}), but a company's KnowBe4 read starts only once its Microsoft 365
 * read has ended, so the two are read one after the other.
 */
final class SequentialReads implements Connectors {
  private final Connectors real;
  private final Map<String, CountDownLatch> graphRead = new ConcurrentHashMap<>();

  SequentialReads(Connectors real) {
    this.real = real;
  }

  @Override
  public DirectorySource directory(CompanyConfig company) {
    DirectorySource source = real.directory(company);
    CountDownLatch done = new CountDownLatch(1);
    graphRead.put(company.companyId(), done);
    return () -> {
      try {
        return source.read();
      } finally {
        done.countDown();
      }
    };
  }

  @Override
  public TrainingPlatform platform(CompanyConfig company) {
    TrainingPlatform platform = real.platform(company);
    CountDownLatch graphDone = graphRead.remove(company.companyId());
    return new TrainingPlatform() {
      @Override
      public TrainingSnapshot read() {
        if (graphDone != null) {
          try {
            graphDone.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the KnowBe4 read", e);
          }
        }
        return platform.read();
      }

      @Override
      public TrainingUser create(NewUser user) {
        return platform.create(user);
      }

      @Override
      public void update(String userId, List<AttributeChange> changes) {
        platform.update(userId, changes);
      }

      @Override
      public void setActive(String userId, boolean active) {
        platform.setActive(userId, active);
      }

      @Override
      public void delete(String userId) {
        platform.delete(userId);
      }

      @Override
      public TrainingGroup createGroup(String displayName) {
        return platform.createGroup(displayName);
      }

      @Override
      public void addMembers(String groupId, List<String> userIds) {
        platform.addMembers(groupId, userIds);
      }

      @Override
      public void removeMembers(String groupId, List<String> userIds) {
        platform.removeMembers(groupId, userIds);
      }
    };
  }

  @Override
  public StateStore store(Config config) {
    return real.store(config);
  }
}
