package dev.marquee.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The gateway's logback.xml as MARQUEE_LOG_FORMAT chooses: text lines or JSON objects, each with the request id. */
class LogFormatTest {

    /** What the gateway's configuration prints for one line logged under a request id, in this format (null: default). */
    private static String logged(String format) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            if (format != null) {
                context.putProperty("MARQUEE_LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getClassLoader().getResource("logback.xml"));
            MDC.put(RequestId.MDC_KEY, "req-7f3a");
            context.getLogger("dev.marquee.gateway.holds.HoldController").info("Hold {} placed", "h-1");
            MDC.remove(RequestId.MDC_KEY);
            context.getLogger("dev.marquee.gateway.catalog.CatalogSync").info("Synced");
        } finally {
            MDC.remove(RequestId.MDC_KEY);
            context.stop();
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textLinesCarryTheRequestIdWhenThereIsOne() throws Exception {
        String[] lines = logged(null).split("\\R");

        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("INFO").contains("[req-7f3a] - Hold h-1 placed");
        assertThat(lines[1]).endsWith("CatalogSync - Synced").doesNotContain("[]");
    }

    @Test
    void theGatewaysConfigurationLoadsWithoutAWarning() throws Exception {
        LoggerContext context = new LoggerContext();
        try {
            context.putProperty("MARQUEE_LOG_FORMAT", "json");
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getClassLoader().getResource("logback.xml"));
            // Logback prints its whole status at every start when there is a warning.
            assertThat(new ch.qos.logback.core.status.StatusUtil(context).getHighestLevel(0))
                    .isLessThan(ch.qos.logback.core.status.Status.WARN);
        } finally {
            context.stop();
        }
    }

    @Test
    void jsonLogsAreOneObjectALineWithTheRequestIdInTheMdc() throws Exception {
        String[] lines = logged("json").split("\\R");
        ObjectMapper json = new ObjectMapper();

        assertThat(lines).hasSize(2);
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("loggerName").asText()).isEqualTo("dev.marquee.gateway.holds.HoldController");
        assertThat(first.path("formattedMessage").asText()).isEqualTo("Hold h-1 placed");
        assertThat(first.path("mdc").path("requestId").asText()).isEqualTo("req-7f3a");
        assertThat(json.readTree(lines[1]).path("mdc").has("requestId")).isFalse();
    }
}
