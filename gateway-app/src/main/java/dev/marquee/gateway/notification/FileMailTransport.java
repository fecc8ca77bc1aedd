package dev.marquee.gateway.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Writes each email as an .eml file named after its Message-ID, so the embedded gateway needs no mail server
 * and a developer can open what would have been sent. The file appears whole or not at all.
 */
final class FileMailTransport implements MailTransport {
    private final Path folder;
    private final Session session = Session.getInstance(new Properties());

    FileMailTransport(Path folder) {
        this.folder = folder;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        String id = message.getMessageID();
        String name = (id == null ? "message-" + System.nanoTime() : id).replaceAll("[^A-Za-z0-9._@-]", "") + ".eml";
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, ".sending-", ".tmp");
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MessagingException("cannot write " + folder.resolve(name), e);
        }
    }

    Path folder() {
        return folder;
    }
}
