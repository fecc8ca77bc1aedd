package dev.marquee.gateway.notification;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import jakarta.mail.util.StreamProvider;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transport {@code marquee.mail.transport} names. */
@Factory
class MailTransports {
    private static final Logger LOG = LoggerFactory.getLogger(MailTransports.class);

    @Singleton
    @Bean(preDestroy = "close")
    MailTransport mailTransport(MailSettings settings, Clock clock) {
        nameTheStreamProvider();
        if (MailSettings.SMTP.equals(settings.transport())) {
            LOG.info("Booking emails go to SMTP server {}:{}", settings.host(), settings.port());
            return new SmtpMailTransport(settings);
        }
        Path folder = Path.of(settings.folder()).toAbsolutePath();
        LOG.info("Booking emails are written as .eml files to {} (marquee.mail.transport=files)", folder);
        return new FileMailTransport(folder, clock);
    }

    /**
     * Jakarta Mail finds its stream provider through {@code ServiceLoader} every time it encodes a header or a body
     * part or makes a multipart (jakartaee/mail-api#861): a scan of every jar on the class path, taken one thread at
     * a time. A flight recording of the checkout pipeline found the email consumers queued on it. Named in the system
     * property Jakarta Mail reads first, it is found by its class name instead. A provider named there already stays.
     */
    static void nameTheStreamProvider() {
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }
}
