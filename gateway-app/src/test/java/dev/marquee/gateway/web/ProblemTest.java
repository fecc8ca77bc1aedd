package dev.marquee.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A problem never carries unbounded input back to the client, whoever built it. */
class ProblemTest {
    private static final String HUGE = "x".repeat(5_000_000);

    @Test
    void aDetailBuiltFromAHugeValueIsCutShort() {
        Problem problem = Problem.of(ProblemType.NOT_FOUND, "No show with id '" + HUGE + "'");

        assertThat(problem.detail()).hasSize(Problem.MAX_TEXT + 1).startsWith("No show with id 'xxx").endsWith("x…");
    }

    @Test
    void anUnknownIdIsQuotedShort() {
        assertThat(new NotFoundException("show", HUGE).problem().detail())
                .isEqualTo("No show with id '" + "x".repeat(Problem.MAX_ECHO) + "…'");
        assertThat(new NotFoundException("show", "aurora:1").problem().detail()).isEqualTo("No show with id 'aurora:1'");
    }

    @Test
    void aParameterAtFaultIsNamedAndExplainedShort() {
        Problem problem = InvalidParametersException.of(HUGE, "must be a date, got " + HUGE).problem();

        assertThat(problem.invalidParams()).singleElement().satisfies(param -> {
            assertThat(param.name()).hasSize(Problem.MAX_ECHO + 1);
            assertThat(param.reason()).hasSize(Problem.MAX_TEXT + 1);
        });
        assertThat(problem.detail()).hasSize(Problem.MAX_TEXT + 1);
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String emoji = "\uD83C\uDFAC".repeat(Problem.MAX_ECHO + 5);

        assertThat(Problem.quote(emoji)).isEqualTo("'" + "\uD83C\uDFAC".repeat(Problem.MAX_ECHO) + "…'");
        assertThat(new Problem("t", "t", 400, null, "/a", List.of()).instance()).isEqualTo("/a");
    }
}
