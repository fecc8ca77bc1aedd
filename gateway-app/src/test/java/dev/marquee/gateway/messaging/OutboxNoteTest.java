package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outbox note holds a message's request id and a retry's reason side by side, and reads both back apart. */
class OutboxNoteTest {

    @Test
    void theRequestIdAndTheReasonReadBackApart() {
        OutboxNote note = new OutboxNote(Optional.of("req-7f3a"), "chain down: no answer");

        assertThat(note.stored()).isEqualTo("[request req-7f3a] chain down: no answer");
        assertThat(OutboxNote.read(note.stored())).isEqualTo(note);
    }

    @Test
    void eitherAloneReadsBackToo() {
        assertThat(OutboxNote.read(new OutboxNote(Optional.of("req-7f3a"), null).stored()))
                .isEqualTo(new OutboxNote(Optional.of("req-7f3a"), null));
        assertThat(OutboxNote.read(new OutboxNote(Optional.empty(), "gave up").stored()))
                .isEqualTo(new OutboxNote(Optional.empty(), "gave up"));
        assertThat(new OutboxNote(Optional.empty(), null).stored()).isNull();
        assertThat(OutboxNote.read(null)).isEqualTo(new OutboxNote(Optional.empty(), null));
    }

    @Test
    void aNoteWrittenBeforeRequestIdsIsAReasonAlone() {
        assertThat(OutboxNote.read("[request for a refund] was refused")).isEqualTo(
                new OutboxNote(Optional.empty(), "[request for a refund] was refused"));
    }

    @Test
    void aLongReasonIsCutToTheColumn() {
        assertThat(new OutboxNote(Optional.of("req-1"), "x".repeat(2000)).stored()).hasSize(1000).startsWith("[request req-1] x");
    }
}
