package dev.marquee.gateway.waitingroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.booking.waitingroom.QueueMode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Locale;

/**
 * A show or on-sale in queue mode, as the operator API shows it.
 *
 * @param scope {@code show} or {@code movie}
 * @param id the show or movie id
 * @param admissionsPerMinute people each show's queue admits per minute
 * @param admissionValiditySeconds how long an admission lets its holder place holds
 * @param automatic whether a surge of hold attempts switched it on
 * @param since when it was switched on
 * @param endsAt when it ends by itself (automatic modes only)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueModeView(String scope, String id, int admissionsPerMinute, long admissionValiditySeconds, boolean automatic,
        Instant since, @Nullable Instant endsAt) {

    static QueueModeView of(QueueMode mode) {
        return new QueueModeView(mode.scope().kind().name().toLowerCase(Locale.ROOT), mode.scope().id(), mode.admissionsPerMinute(),
                mode.admissionValidity().toSeconds(), mode.automatic(), mode.since(), mode.endsAt());
    }
}
