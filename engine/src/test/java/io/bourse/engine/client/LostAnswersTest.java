package io.bourse.engine.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LostAnswersTest {
    private final LostAnswers watch = new LostAnswers(100, 20);

    @Test
    void anAnswerThatComesIsReturned() throws Exception {
        assertThat(watch.await(CompletableFuture.completedFuture("answer"), 1_000)).isEqualTo("answer");
    }

    @Test
    void anAnswerThatNeverComesIsGivenUpOnAfterTheTimeoutAndTheGrace() throws Exception {
        long start = System.nanoTime();
        assertThat(watch.await(new CompletableFuture<String>(), 200)).isNull();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited").isGreaterThanOrEqualTo(300);
        assertThat(watch.givenUp()).isEqualTo(1);
    }

    @Test
    void aCallStillWithinItsTimeIsLeftAlone() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(150, java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> answer.complete("late but in time"));
        assertThat(watch.await(answer, 2_000)).isEqualTo("late but in time");
    }
}
