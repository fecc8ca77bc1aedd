package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.web.BearerToken;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/** Tickets for their holders (the booking's token) and the key venues check them with. */
@Controller("/api/v1/tickets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TicketController {
    private static final String PATH = "/api/v1/tickets/";
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
    public HttpResponse<?> read(@PathVariable String ticketId, @Header("Authorization") @Nullable String authorization) {
        return withTicket(ticketId, authorization, PATH + ticketId, ticket -> HttpResponse.ok(TicketView.of(ticket)));
    }

    @Get(value = "/{ticketId}/qr.png", produces = "image/png")
    public HttpResponse<?> qrCode(@PathVariable String ticketId, @Header("Authorization") @Nullable String authorization) {
        return withTicket(ticketId, authorization, PATH + ticketId + "/qr.png", ticket -> HttpResponse.ok(QrCodes.png(ticket.qrPayload()))
                .contentType(MediaType.IMAGE_PNG_TYPE)
                // The image admits its holder: keep it out of shared caches.
                .header("Cache-Control", "private, no-store"));
    }

    private HttpResponse<?> withTicket(String ticketId, @Nullable String authorization, String path,
            Function<Ticket, HttpResponse<?>> answer) {
        Optional<String> token = BearerToken.from(authorization);
        if (token.isEmpty()) {
            return problem(Problem.of(ProblemType.UNAUTHORIZED, "Send the booking's token as 'Authorization: Bearer <token>'")
                    .withInstance(path)).header("WWW-Authenticate", "Bearer");
        }
        // The same answer for a wrong token as for no ticket: nobody learns which ticket ids exist.
        return tickets.find(ticketId, token.get()).<HttpResponse<?>>map(answer)
                .orElseGet(() -> problem(Problem.of(ProblemType.NOT_FOUND, "No ticket '" + ticketId + "' for this token")
                        .withInstance(path)));
    }

    private static io.micronaut.http.MutableHttpResponse<Problem> problem(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status())).contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
