package io.bourse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bourse.client.BourseApiException;
import org.assertj.core.api.ThrowableAssert;

/** Assertions about the API's problem answers. */
final class BourseAssertions {
    private BourseAssertions() {}

    /** The problem a call answered; fails when it succeeded. */
    static BourseApiException problemOf(ThrowableAssert.ThrowingCallable call) {
        BourseApiException problem = catchThrowableOfType(BourseApiException.class, call);
        assertThat(problem).as("the call should have failed with a problem document").isNotNull();
        assertThat(problem.problem().type()).startsWith("https://bourse.dev/problems/");
        return problem;
    }
}
