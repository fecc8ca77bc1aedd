package dev.marquee.gateway.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * Writes each email as an .eml file, so the embedded gateway needs no mail server and a developer can open what
 * would have been sent. A file is named by when it was written and the email's Message-ID, and is never
 * overwritten: an email sent twice shows as two files. The file appears whole or not at all.
 */
final class FileMailTransport implements MailTransport {
    private static final DateTimeFormatter WRITTEN_AT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    FileMailTransport(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        String id = message.getMessageID();
        String name = WRITTEN_AT.format(clock.instant()) + "-"
                + (id == null ? "message" : id).replaceAll("[^A-Za-z0-9._@-]", "");
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, ".sending-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    message.writeTo(out);
                }
                publish(partial, name);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new MessagingException("cannot write " + folder.resolve(name + ".eml"), e);
        }
    }

    /**
     * Gives the written file its name, adding a number when that name is taken. A hard link, unlike a rename,
     * fails rather than replaces a file that is there, and still makes the whole file appear at once.
     */
    private void publish(Path partial, String name) throws IOException {
        for (int n = 1; ; n++) {
            try {
                Files.createLink(folder.resolve(name + (n == 1 ? "" : "-" + n) + ".eml"), partial);
                return;
            } catch (FileAlreadyExistsException taken) {
                // Another copy of this email was written at the same moment: try the next number.
            }
        }
    }

    Path folder() {
        return folder;
    }
}
