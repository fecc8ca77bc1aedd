package dev.marquee.gateway.notification;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transport {@code marquee.mail.transport} names. */
@Factory
class MailTransports {
    private static final Logger LOG = LoggerFactory.getLogger(MailTransports.class);

    @Singleton
    @Bean(preDestroy = "close")
    MailTransport mailTransport(MailSettings settings, Clock clock) {
        if (MailSettings.SMTP.equals(settings.transport())) {
            LOG.info("Booking emails go to SMTP server {}:{}", settings.host(), settings.port());
            return new SmtpMailTransport(settings);
        }
        Path folder = Path.of(settings.folder()).toAbsolutePath();
        LOG.info("Booking emails are written as .eml files to {} (marquee.mail.transport=files)", folder);
        return new FileMailTransport(folder, clock);
    }
}
