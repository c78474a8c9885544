package io.bourse.core.order;

import static io.bourse.core.order.OrderStatus.CANCELED;
import static io.bourse.core.order.OrderStatus.EXPIRED;
import static io.bourse.core.order.OrderStatus.FILLED;
import static io.bourse.core.order.OrderStatus.NEW;
import static io.bourse.core.order.OrderStatus.PARTIALLY_FILLED;
import static io.bourse.core.order.OrderStatus.PENDING_NEW;
import static io.bourse.core.order.OrderStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void legalPathsThroughTheLifecycle() {
        assertThat(PENDING_NEW.transitionTo(NEW).transitionTo(PARTIALLY_FILLED).transitionTo(PARTIALLY_FILLED).transitionTo(FILLED))
                .isEqualTo(FILLED);
        assertThat(PENDING_NEW.transitionTo(REJECTED)).isEqualTo(REJECTED);
        assertThat(PENDING_NEW.transitionTo(FILLED)).isEqualTo(FILLED);
        assertThat(NEW.transitionTo(EXPIRED)).isEqualTo(EXPIRED);
        assertThat(PARTIALLY_FILLED.transitionTo(CANCELED)).isEqualTo(CANCELED);
    }

    @Test
    void terminalStatesAreFinal() {
        for (OrderStatus terminal : new OrderStatus[] {FILLED, CANCELED, REJECTED, EXPIRED}) {
            assertThat(terminal.isTerminal()).isTrue();
            for (OrderStatus next : OrderStatus.values()) {
                assertThat(terminal.canBecome(next)).as("%s -> %s", terminal, next).isFalse();
            }
        }
    }

    @Test
    void illegalTransitionsFailLoudly() {
        assertThatThrownBy(() -> NEW.transitionTo(PENDING_NEW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> NEW.transitionTo(REJECTED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PARTIALLY_FILLED.transitionTo(NEW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FILLED.transitionTo(CANCELED)).isInstanceOf(IllegalStateException.class);
    }
}
