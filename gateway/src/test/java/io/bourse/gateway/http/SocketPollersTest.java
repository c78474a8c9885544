package io.bourse.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketPollersTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(SocketPollers.MODE_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SocketPollers.MODE_PROPERTY);
        } else {
            System.setProperty(SocketPollers.MODE_PROPERTY, before);
        }
    }

    @Test
    void asksForPlatformThreadPollersWhenNothingWasChosen() {
        System.clearProperty(SocketPollers.MODE_PROPERTY);
        SocketPollers.preferPlatformThreads();
        assertThat(System.getProperty(SocketPollers.MODE_PROPERTY)).isEqualTo("1");
    }

    @Test
    void leavesAModeChosenOnTheCommandLine() {
        System.setProperty(SocketPollers.MODE_PROPERTY, "2");
        SocketPollers.preferPlatformThreads();
        assertThat(System.getProperty(SocketPollers.MODE_PROPERTY)).isEqualTo("2");
    }
}
