package dev.marquee.gateway.seating;

import dev.marquee.gateway.db.SingleStatements;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this instance hears of seat changes made by other instances: LISTEN/NOTIFY when the gateway's database is
 * PostgreSQL (several instances may share it), nobody to hear from on H2 (the embedded default: one instance).
 */
@Factory
class SeatMapNoticesFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SeatMapNoticesFactory.class);

    /** A name for this instance's run, in its seat map versions and its notices. */
    @Singleton
    @Named("seat-map-instance")
    String instance() {
        byte[] bytes = new byte[5];
        new SecureRandom().nextBytes(bytes);
        StringBuilder name = new StringBuilder();
        for (byte b : bytes) {
            name.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return name.toString();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SeatMapNotices notices(@Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String user, @Value("${datasources.default.password:}") String password,
            SingleStatements statements, SeatingConfiguration configuration, @Named("seat-map-instance") String instance) {
        if (!configuration.noticesOrDefault()) {
            LOG.info("Seat map notices are off (marquee.seating.notices): other instances' changes show with the chain's next answer");
            return new AloneNotices();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresSeatMapNotices(instance, url, user, password, statements, configuration.peerWaitOrDefault());
        }
        LOG.info("Seat maps are kept by this instance alone (database {} is not PostgreSQL)", url.split(";")[0]);
        return new AloneNotices();
    }

    /** No other instance to tell. */
    static final class AloneNotices implements SeatMapNotices {
        @Override
        public void announce(String showId) {
        }

        @Override
        public boolean listening() {
            return true;
        }

        @Override
        public void listen(Listener listener) {
        }
    }
}
