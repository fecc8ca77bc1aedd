package dev.marquee.sandbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadPositionTest {

    @Test
    void aResumedReadStartsTheOverlapBeforeTheCursor() {
        assertThat(ReadPosition.parse(ReadPosition.resumeAt(1200), 500)).isEqualTo(new ReadPosition(false, 700, 700));
        assertThat(ReadPosition.parse(ReadPosition.resumeAt(20), 500)).isEqualTo(new ReadPosition(false, 0, 0));
    }

    @Test
    void aContinuationKeepsCompletenessAndPosition() {
        ReadPosition position = ReadPosition.start();

        assertThat(ReadPosition.parse(position.continuation(77), 500)).isEqualTo(new ReadPosition(true, 0, 77));
    }

    @Test
    void foreignTextIsNotACursor() {
        assertThatThrownBy(() -> ReadPosition.parse("p.1.9.3", 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadPosition.parse("abc", 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadPosition.parse("r.x", 500)).isInstanceOf(IllegalArgumentException.class);
    }
}
