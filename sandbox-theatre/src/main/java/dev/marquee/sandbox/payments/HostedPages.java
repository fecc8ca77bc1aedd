package dev.marquee.sandbox.payments;

/** The hosted page's HTML. Everything that comes from a request is escaped. */
final class HostedPages {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;background:#f4f4f6;margin:0}"
            + "main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:.5rem;"
            + "box-shadow:0 1px 4px #0002}h1{font-size:1.3rem;margin-top:0}.amount{font-size:2rem;margin:.5rem 0}"
            + "label{display:block;margin:1rem 0 .3rem}input{font-size:1.1rem;width:100%;box-sizing:border-box;"
            + "padding:.5rem;font-family:monospace}.buttons{margin-top:1.2rem;display:flex;gap:.8rem}"
            + "button{font-size:1rem;padding:.6rem 1.4rem;border-radius:.3rem;border:1px solid #888;cursor:pointer}"
            + "button[value=pay]{background:#1a7f37;color:#fff;border-color:#1a7f37}"
            + ".hint{color:#666;font-size:.85rem;margin-top:1.5rem}.sandbox{color:#b35900;font-size:.8rem;"
            + "text-transform:uppercase;letter-spacing:.08em}";

    private HostedPages() {
    }

    static String page(Payment payment) {
        StringBuilder body = new StringBuilder()
                .append("<h1>").append(escape(payment.description())).append("</h1>\n")
                .append("<p class=\"amount\">").append(escape(payment.amount())).append(' ')
                .append(escape(payment.currency())).append("</p>\n");
        if (payment.status().paid()) {
            body.append("<p id=\"status\">This payment has been paid (").append(payment.status()).append(").</p>\n");
            returnLink(body, payment);
            return document("Paid", body);
        }
        if (payment.status() == PaymentStatus.FAILED) {
            body.append("<p id=\"status\">An earlier attempt was declined; you may try again.</p>\n");
        }
        body.append("<form method=\"post\" action=\"/pay/").append(escape(payment.paymentId())).append("\">\n")
                .append("<label for=\"card\">Card number</label>\n")
                .append("<input id=\"card\" name=\"card\" value=\"4242 4242 4242 4242\" inputmode=\"numeric\""
                        + " autocomplete=\"off\">\n")
                .append("<div class=\"buttons\">\n")
                .append("<button type=\"submit\" name=\"action\" value=\"pay\">Pay</button>\n")
                .append("<button type=\"submit\" name=\"action\" value=\"decline\">Decline</button>\n")
                .append("</div>\n</form>\n")
                .append("<p class=\"hint\">Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined;"
                        + " 4000 0000 0000 9995 has insufficient funds; 4000 0000 0000 0259 succeeds, its webhook late.</p>\n");
        return document("Pay " + payment.amount() + " " + payment.currency(), body);
    }

    static String result(Payments.Attempt attempt) {
        Payment payment = attempt.payment();
        StringBuilder body = new StringBuilder();
        String title = switch (attempt) {
            case Payments.Paid paid -> {
                body.append("<h1>Payment received</h1>\n<p id=\"status\">").append(escape(payment.amount())).append(' ')
                        .append(escape(payment.currency())).append(" for ").append(escape(payment.description()))
                        .append(" was paid.</p>\n");
                yield "Payment received";
            }
            case Payments.Declined declined -> {
                body.append("<h1>Payment declined</h1>\n<p id=\"status\">The card was declined (<code id=\"reason\">")
                        .append(escape(declined.code())).append("</code>).</p>\n<p><a href=\"/pay/")
                        .append(escape(payment.paymentId())).append("\">Try again</a></p>\n");
                yield "Payment declined";
            }
            case Payments.AlreadyPaid already -> {
                body.append("<h1>Already paid</h1>\n<p id=\"status\">This payment was paid before (")
                        .append(payment.status()).append("); nothing was charged now.</p>\n");
                yield "Already paid";
            }
        };
        returnLink(body, payment);
        return document(title, body);
    }

    static String unknown(String paymentId) {
        return document("No such payment", new StringBuilder("<h1>No such payment</h1>\n<p>There is no payment ")
                .append(escape(paymentId)).append(".</p>\n"));
    }

    static String badAction(String paymentId, String action) {
        return document("Unknown action", new StringBuilder("<h1>Unknown action</h1>\n<p>")
                .append(escape(action)).append(" is neither pay nor decline. <a href=\"/pay/").append(escape(paymentId))
                .append("\">Back to the payment</a></p>\n"));
    }

    private static void returnLink(StringBuilder body, Payment payment) {
        if (payment.returnUrl() != null) {
            body.append("<p><a id=\"return\" href=\"").append(escape(payment.returnUrl())).append("\">Return to the shop</a></p>\n");
        }
    }

    private static String document(String title, CharSequence main) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + " · Sandbox payments</title>\n<style>" + STYLE + "</style>\n</head>\n"
                + "<body>\n<main>\n<p class=\"sandbox\">Sandbox payment provider · test mode</p>\n" + main
                + "</main>\n</body>\n</html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
