package dev.marquee.contracts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {
    private final OpenApiContract theatreApi = OpenApiContract.theatreApi();

    private static Exchange lockAnswered(int status, String body) {
        return new Exchange("POST", URI.create("http://chain/theatre/v1/locks"), Map.of(),
                "{\"showId\":\"1\",\"seatIds\":[\"A1\"],\"ttlSeconds\":300,\"reference\":\"h-1\"}",
                status, "application/problem+json", body);
    }

    @Test
    void everyDocumentLoads() {
        assertDoesNotThrow(OpenApiContract::gatewayApi);
        assertDoesNotThrow(() -> OpenApiContract.load("contracts/sandbox-admin-api.yaml"));
    }

    @Test
    void aProblemBodyThatExtendsProblemConforms() {
        assertDoesNotThrow(() -> theatreApi.assertConforms(lockAnswered(409,
                "{\"type\":\"urn:x\",\"title\":\"Seats taken\",\"status\":409,\"seatsTaken\":[\"A1\"]}")));
    }

    @Test
    void aProblemBodyMissingItsExtensionIsCaught() {
        assertThrows(AssertionError.class, () -> theatreApi.assertConforms(lockAnswered(409,
                "{\"type\":\"urn:x\",\"title\":\"Seats taken\",\"status\":409}")));
    }

    @Test
    void aRequestTheDocumentDoesNotAllowIsCaught() {
        Exchange noSeats = new Exchange("POST", URI.create("http://chain/theatre/v1/locks"), Map.of(),
                "{\"showId\":\"1\",\"seatIds\":[],\"ttlSeconds\":300,\"reference\":\"h-1\"}",
                409, "application/problem+json",
                "{\"type\":\"urn:x\",\"title\":\"Seats taken\",\"status\":409,\"seatsTaken\":[\"A1\"]}");
        assertThrows(AssertionError.class, () -> theatreApi.assertConforms(noSeats));
    }

    @Test
    void theJudgeOfAnswersOverlooksTheRequestButNotTheAnswer() {
        OpenApiContract answers = OpenApiContract.answersOf(OpenApiContract.THEATRE_API);
        String noSeats = "{\"showId\":\"1\",\"seatIds\":[],\"ttlSeconds\":300,\"reference\":\"h-1\"}";
        String taken = "{\"type\":\"urn:x\",\"title\":\"Seats taken\",\"status\":409,\"seatsTaken\":[\"A1\"]}";
        URI locks = URI.create("http://chain/theatre/v1/locks");

        assertDoesNotThrow(() -> answers.assertConforms(new Exchange("POST", locks, Map.of(), noSeats, 409, "application/problem+json", taken)));
        assertThrows(AssertionError.class, () -> answers.assertConforms(new Exchange("POST", locks, Map.of(), noSeats, 500,
                "application/problem+json", taken)));
    }
}
