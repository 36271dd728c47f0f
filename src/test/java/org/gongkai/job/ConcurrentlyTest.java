package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

  @Test
  void theStepsRunSideBySide() {
    // each step waits for the other: run one after the other, neither would ever finish
    CountDownLatch both = new CountDownLatch(2);
    Runnable meet = () -> {
      both.countDown();
      try {
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    Concurrently.run(meet, meet);
    assertThat(both.getCount()).isZero();
  }

  @Test
  void aFailureIsThrownOnceEveryOtherStepHasEnded() {
    Set<String> ended = ConcurrentHashMap.newKeySet();
    assertThatThrownBy(() -> Concurrently.run(
        () -> {
          throw new IllegalArgumentException("metrics write failed");
        },
        () -> {
          sleep(300);
          ended.add("reports");
        },
        () -> {
          throw new IllegalStateException("anomalies write failed");
        }))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("metrics write failed")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .satisfies(s -> assertThat(s).hasMessage("anomalies write failed")));
    assertThat(ended).containsExactly("reports");
  }

  @Test
  void anErrorIsThrownAsItIs() {
    assertThatThrownBy(() -> Concurrently.run(() -> {
      throw new OutOfMemoryError("Java heap space");
    }, () -> { })).isExactlyInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
