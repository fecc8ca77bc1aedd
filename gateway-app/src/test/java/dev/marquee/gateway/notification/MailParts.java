package dev.marquee.gateway.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a received email, found by walking its MIME tree as a mail client does. */
final class MailParts {
    final List<String> types = new ArrayList<>();
    String text;
    String html;
    /** Inline images by Content-ID, without the angle brackets. */
    final Map<String, byte[]> images = new LinkedHashMap<>();

    static MailParts of(Part message) throws MessagingException, IOException {
        MailParts parts = new MailParts();
        parts.walk(message);
        return parts;
    }

    private void walk(Part part) throws MessagingException, IOException {
        types.add(part.getContentType().split(";")[0].trim().toLowerCase());
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i));
            }
        } else if (part.isMimeType("text/plain")) {
            text = (String) part.getContent();
        } else if (part.isMimeType("text/html")) {
            html = (String) part.getContent();
        } else if (part.isMimeType("image/png")) {
            String id = ((BodyPart) part).getHeader("Content-ID")[0];
            images.put(id.substring(1, id.length() - 1), bytes(part.getInputStream()));
            if (!Part.INLINE.equalsIgnoreCase(part.getDisposition())) {
                throw new AssertionError("image " + id + " is not inline");
            }
        }
    }

    private static byte[] bytes(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
