package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Base64;

/** Tickets for their holders (the booking's token) and the key venues check them with. */
@Controller("/api/v1/tickets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TicketController {
    static final String PAYLOAD_FORMAT = TicketSigner.PREFIX + ".<base64url claims>.<base64url signature>, unpadded; "
            + "the Ed25519 signature covers the ASCII text '" + TicketSigner.PREFIX + ".<base64url claims>'; the claims "
            + "are ticketId, bookingId, showId, cinemaId, seatId, seatLabel (each a big-endian uint16 byte length and "
            + "UTF-8), then startsAt and endsAt (big-endian int64 epoch seconds)";

    private final TicketService tickets;
    private final TicketSigner signer;

    public TicketController(TicketService tickets, TicketSigner signer) {
        this.tickets = tickets;
        this.signer = signer;
    }

    @Get("/signing-key")
    public SigningKeyView signingKey() {
        return new SigningKeyView(Ed25519Keys.ALGORITHM, Base64.getEncoder().encodeToString(signer.publicKey().getEncoded()),
                signer.publicKey().getFormat(), PAYLOAD_FORMAT);
    }

    @Get("/{ticketId}")
    public TicketView read(@PathVariable String ticketId, Bearer bearer) {
        return TicketView.of(ticket(ticketId, bearer));
    }

    @Get(value = "/{ticketId}/qr.png", produces = "image/png")
    public HttpResponse<byte[]> qrCode(@PathVariable String ticketId, Bearer bearer) {
        return HttpResponse.ok(QrCodes.png(ticket(ticketId, bearer).ticket().qrPayload()))
                .contentType(MediaType.IMAGE_PNG_TYPE)
                // The image admits its holder: keep it out of shared caches.
                .header("Cache-Control", "private, no-store");
    }

    private TicketAtShow ticket(String ticketId, Bearer bearer) {
        // The same answer for a wrong token as for no ticket: nobody learns which ticket ids exist.
        return tickets.find(ticketId, bearer.token()).orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND,
                "No ticket '" + ticketId + "' for this token"));
    }
}
