package dev.marquee.gateway.broadcast;

import dev.marquee.gateway.db.SingleStatements;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** LISTEN/NOTIFY when the gateway's database is PostgreSQL (several instances may share it); this instance alone on H2. */
@Factory
class BroadcastsFactory {

    /** The instance's name is the one its seat map versions carry. */
    @Singleton
    @Bean(preDestroy = "close")
    Broadcasts broadcasts(@Value("${datasources.default.url}") String url, @Value("${datasources.default.username:}") String user,
            @Value("${datasources.default.password:}") String password, SingleStatements statements,
            @Named("seat-map-instance") String instance) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresBroadcasts(instance, url, user, password, statements);
        }
        return new LocalBroadcasts();
    }
}
